import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { canonicalHash } from '../../../src/turn/canonical-hash.ts';
import type { PendingApproval, TurnInput, TurnRunner, TurnSink } from '../../../src/turn/turn-contract.ts';

/** The destructive tool of the fake: what a "cancel" message asks for. */
export const CANCEL_TOOL = 'cancel_order';
export const APPROVAL_TTL_MS = 10 * 60_000;

export interface FakeTurnRunner extends TurnRunner {
  /** Every input the runner got, in order. */
  inputs: TurnInput[];
  /** Destructive calls it actually ran. */
  executed: PendingApproval[];
}

export interface FakeTurnRunnerOptions {
  now?: () => number;
  /** Awaited after the first text delta of an answer (not of an approval request): holds a turn mid-stream. */
  hold?: () => Promise<void>;
}

/**
 * A small deterministic stand-in for the Claude turn runner (which has its own tests), speaking the same
 * contract: text deltas for a plain message; for a message with "cancel", one destructive tool call that
 * stops the turn with a pending approval; on the next turn, it runs that call only when the answer it is
 * given says approved. It trusts the answers it is handed, so the tests prove the chat layer's binding.
 */
export function createFakeTurnRunner(options: FakeTurnRunnerOptions = {}): FakeTurnRunner {
  const now = options.now ?? Date.now;
  const inputs: TurnInput[] = [];
  const executed: PendingApproval[] = [];
  let calls = 0;

  const say = (sink: TurnSink, id: string, deltas: string[]): string => {
    sink.write({ type: 'text-start', id });
    for (const delta of deltas) sink.write({ type: 'text-delta', id, delta });
    sink.write({ type: 'text-end', id });
    return deltas.join('');
  };

  return {
    inputs,
    executed,
    async run(input, sink) {
      inputs.push(structuredClone({ ...input, signal: undefined }) as unknown as TurnInput);
      const n = ++calls;
      const history: MessageParam[] = [...input.history];
      for (const pending of input.pending) {
        const answer = input.answers.find((a) => a.approvalId === pending.approvalId);
        if (answer?.approved) {
          executed.push(pending);
          sink.write({
            type: 'tool-output-available',
            toolCallId: pending.toolCallId,
            output: { status: 'cancelled' },
          });
        } else {
          sink.write({ type: 'tool-output-denied', toolCallId: pending.toolCallId });
        }
      }
      sink.write({ type: 'start-step' });
      if (input.userText === undefined) {
        const ran = input.answers.some((a) => a.approved);
        const id = `t${n}`;
        sink.write({ type: 'text-start', id });
        sink.write({ type: 'text-delta', id, delta: ran ? 'Done: ' : 'All right, ' });
        await options.hold?.();
        sink.write({ type: 'text-delta', id, delta: ran ? 'the order is cancelled.' : 'nothing was cancelled.' });
        sink.write({ type: 'text-end', id });
        sink.write({ type: 'finish-step' });
        const text = ran ? 'Done: the order is cancelled.' : 'All right, nothing was cancelled.';
        history.push({ role: 'user', content: 'approval answers' }, { role: 'assistant', content: text });
        return result(history, []);
      }
      history.push({ role: 'user', content: input.userText });
      if (/cancel/i.test(input.userText)) {
        const text = say(sink, `t${n}`, ['I can cancel order A-1042 for you.']);
        const toolCallId = `call_${n}`;
        const toolInput = { order_number: 'A-1042' };
        sink.write({ type: 'tool-input-available', toolCallId, toolName: CANCEL_TOOL, input: toolInput });
        const pending: PendingApproval = {
          approvalId: `approval_${n}`,
          toolCallId,
          toolName: CANCEL_TOOL,
          input: toolInput,
          inputHash: canonicalHash(toolInput),
          expiresAt: now() + APPROVAL_TTL_MS,
          summary: 'Cancel order A-1042',
        };
        sink.write({ type: 'tool-approval-request', approvalId: pending.approvalId, toolCallId });
        sink.write({ type: 'finish-step' });
        history.push({ role: 'assistant', content: text });
        return result(history, [pending]);
      }
      const id = `t${n}`;
      sink.write({ type: 'text-start', id });
      sink.write({ type: 'text-delta', id, delta: 'Hello! ' });
      await options.hold?.();
      for (const delta of ['You said: ', input.userText]) sink.write({ type: 'text-delta', id, delta });
      sink.write({ type: 'text-end', id });
      sink.write({ type: 'finish-step' });
      history.push({ role: 'assistant', content: `Hello! You said: ${input.userText}` });
      return result(history, []);
    },
  };
}

function result(history: MessageParam[], pending: PendingApproval[]) {
  return {
    history,
    pending,
    finishReason: pending.length > 0 ? ('approval' as const) : ('stop' as const),
    usage: {
      inputTokens: 0,
      outputTokens: 0,
      cacheCreationInputTokens: 0,
      cacheReadInputTokens: 0,
      modelCalls: 1,
      costUsd: 0,
    },
  };
}
