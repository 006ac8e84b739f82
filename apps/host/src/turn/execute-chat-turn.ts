import type { FinishReason, UIMessage, UIMessageChunk } from 'ai';
import type { Logger } from 'pino';
import type { ConversationStore } from '../chat/conversation-store.ts';
import { createUIMessageBuilder } from './create-ui-message-builder.ts';
import type { TurnResult, TurnRunner, TurnSink } from './turn-contract.ts';
import type { AcceptedTurn } from './turn-dispatcher.ts';
import type { TurnLimits } from './turn-limits.ts';

export interface ChatTurnExecutorDeps {
  store: ConversationStore;
  runner: TurnRunner;
  log: Logger;
  /** Reads `maxTurnDurationMs`, `abortGraceMs`, `maxChunksPerTurn`. */
  limits: TurnLimits;
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
  const builder = createUIMessageBuilder(plan.assistant);
  const emit = (chunk: UIMessageChunk): void => {
    writer.write(chunk);
    builder.push(chunk);
  };
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
      emit(chunk);
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

  if (stoppedBy) emit({ type: 'error', errorText: TURN_TOO_LONG });
  else if (!result) emit({ type: 'error', errorText: TURN_FAILED });
  emit({ type: 'finish', finishReason: result ? FINISH_REASONS[result.finishReason] : 'error' });
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
