import type { FinishReason, UIMessage, UIMessageChunk } from 'ai';
import type { Logger } from 'pino';
import type { ConversationStore } from '../chat/conversation-store.ts';
import { coalesceTextDeltas } from './coalesce-text-deltas.ts';
import { createUIMessageBuilder } from './create-ui-message-builder.ts';
import type { TurnResult, TurnRunner, TurnSink } from './turn-contract.ts';
import type { AcceptedTurn } from './turn-dispatcher.ts';
import type { TurnLimits } from './turn-limits.ts';
import type { TurnRecorderHook } from './turn-recorder-hook.ts';

export interface ChatTurnExecutorDeps {
  store: ConversationStore;
  runner: TurnRunner;
  log: Logger;
  /** Reads `maxTurnDurationMs`, `abortGraceMs`, `maxChunksPerTurn`, `textCoalesceMs`, `textCoalesceChars`. */
  limits: TurnLimits;
  /** The conversation record; unset, turns are not recorded. */
  recorder?: TurnRecorderHook;
}

/** One turn to run: the accepted turn (where it starts from, where it writes) and what cancels it. */
export interface ChatTurnExecution extends AcceptedTurn {
  /** Cancels the turn from outside: the customer went away, or the process is stopping. */
  signal: AbortSignal;
}

const TURN_FAILED = 'Something went wrong while answering. Please try again.';
const TURN_TOO_LONG = 'The answer took too long and was stopped. Please try again.';

const FINISH_REASONS: Record<TurnResult['finishReason'], FinishReason> = {
  stop: 'stop',
  approval: 'tool-calls',
  length: 'length',
  'iteration-limit': 'other',
  error: 'error',
  aborted: 'other',
};

/**
 * Runs one turn to its end, wherever it runs (the API process without Redis, a worker with it): the runner
 * under a deadline and a chunk cap, its chunks to the turn stream, the outcome stored with the conversation
 * (marked with the turn id, so a retried job knows it is done), then the stream ended. Never throws.
 */
export async function executeChatTurn(deps: ChatTurnExecutorDeps, turn: ChatTurnExecution): Promise<void> {
  const { store, runner, log, limits } = deps;
  const { conversation, plan, writer } = turn;
  const abort = new AbortController();
  const cancel = () => abort.abort(turn.signal.reason);
  if (turn.signal.aborted) cancel();
  else turn.signal.addEventListener('abort', cancel, { once: true });
  let stoppedBy: 'deadline' | 'runaway' | undefined;
  const deadline = setTimeout(() => {
    stoppedBy = 'deadline';
    abort.abort(new Error('turn deadline passed'));
  }, limits.maxTurnDurationMs);
  const builder = createUIMessageBuilder(plan.assistant, { mergeDeltas: limits.textCoalesceMs > 0 });
  const recording = deps.recorder?.begin(turn);
  // The one way out of a turn: the stream (and through it the browser), the stored message and the record.
  const out = coalesceTextDeltas(
    (chunk: UIMessageChunk): void => {
      writer.write(chunk);
      builder.push(chunk);
      recording?.chunk(chunk);
    },
    { windowMs: limits.textCoalesceMs, maxChars: limits.textCoalesceChars },
  );
  let closed = false;
  let written = 0;
  const sink: TurnSink = {
    write(chunk) {
      if (closed || chunk.type === 'start' || chunk.type === 'finish') return;
      if ('toolCallId' in chunk && plan.settledElsewhere.has(chunk.toolCallId)) return;
      if (++written > limits.maxChunksPerTurn) {
        if (!stoppedBy) log.warn({ conversationId: conversation.id }, 'turn wrote too many chunks; aborting it');
        stoppedBy ??= 'runaway';
        abort.abort(new Error('too many chunks'));
        return;
      }
      out.write(chunk);
    },
  };

  let result: TurnResult | undefined;
  try {
    result = await Promise.race([
      runner.run(
        {
          conversationId: conversation.id,
          turnId: turn.turnId,
          caller: turn.caller,
          history: conversation.history,
          ...(plan.userText !== undefined ? { userText: plan.userText } : {}),
          pending: conversation.pending,
          answers: plan.answers,
          signal: abort.signal,
          ...(turn.traceparent ? { traceparent: turn.traceparent } : {}),
          ...(recording ? { observer: recording.observer } : {}),
        },
        sink,
      ),
      afterAbort(abort.signal, limits.abortGraceMs),
    ]);
    if (!result)
      log.error({ conversationId: conversation.id }, 'turn runner ignored the abort; turn closed without it');
  } catch (error) {
    log.error({ err: error, conversationId: conversation.id }, 'turn runner failed');
  } finally {
    clearTimeout(deadline);
    turn.signal.removeEventListener('abort', cancel);
    closed = true;
  }

  if (stoppedBy) out.write({ type: 'error', errorText: TURN_TOO_LONG });
  else if (!result) out.write({ type: 'error', errorText: TURN_FAILED });
  out.write({ type: 'finish', finishReason: result ? FINISH_REASONS[result.finishReason] : 'error' });
  const assistant = await builder.finish();

  // Store before freeing the slot: the client's next request (an approval answer) must see this turn.
  try {
    await store.save({
      ...conversation,
      history: result?.history ?? conversation.history,
      pending: result?.pending ?? [],
      messages: withMessage(plan.messages, assistant),
      finishedTurnId: turn.turnId,
    });
  } catch (error) {
    log.error({ err: error, conversationId: conversation.id }, 'could not store the conversation after a turn');
  }
  await writer.end().catch((error: unknown) => log.error({ err: error }, 'could not close the turn stream'));
  // After the stream is closed: the record adds nothing to what the customer waits for.
  recording?.end({ result, assistant });
}

/** Resolves `undefined` `graceMs` after `signal` aborts: the runner's last chance to stop by itself. */
function afterAbort(signal: AbortSignal, graceMs: number): Promise<undefined> {
  return new Promise((resolve) => {
    const wait = () => setTimeout(() => resolve(undefined), graceMs).unref();
    if (signal.aborted) wait();
    else signal.addEventListener('abort', wait, { once: true });
  });
}

/** The messages with `message` replacing its earlier version, or appended; an empty message is left out. */
function withMessage(messages: UIMessage[], message: UIMessage): UIMessage[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index >= 0) return messages.map((m, i) => (i === index ? message : m));
  return message.parts.length > 0 ? [...messages, message] : messages;
}
