import { randomUUID } from 'node:crypto';
import type { FinishReason, UIMessage, UIMessageChunk } from 'ai';
import type { Logger } from 'pino';
import type { ChatCaller, TurnResult, TurnRunner, TurnSink } from '../turn/turn-contract.ts';
import { ChatApiError } from './chat-api-error.ts';
import { type Conversation, type ConversationStore, isOwnedBy } from './conversation-store.ts';
import { createUIMessageBuilder } from './create-ui-message-builder.ts';
import { type ChatTurnPlan, planChatTurn } from './plan-chat-turn.ts';
import type { ChatRequestReading } from './read-chat-request.ts';
import type { TurnStreamHub, TurnStreamWriter } from './turn-stream-hub.ts';
import { uiMessageToChunks } from './ui-message-to-chunks.ts';

/** Limits of the turns this process runs, with their reasons. */
export const CHAT_TURN_DEFAULTS = {
  /** A turn runs to completion even when its client leaves (so a resume finds it), but no longer than this. */
  maxTurnDurationMs: 120_000,
  /** After aborting, how long the runner gets to stop cleanly before the turn is closed without it. */
  abortGraceMs: 5_000,
  /** Chunks one turn may write (a long answer is a few thousand); more is a runaway, so it is aborted. */
  maxChunksPerTurn: 20_000,
  /** Turns running at once in this process; more get 503 rather than exhausting memory and the model quota. */
  maxRunningTurns: 500,
  /**
   * How long a turn keeps running with nobody reading it. A dropped connection usually comes back through
   * the resume endpoint within seconds; after this the customer has gone, and the turn (model and tool
   * calls included) is cancelled.
   */
  abandonAfterMs: 15_000,
} as const;

export type ChatTurnLimits = { -readonly [K in keyof typeof CHAT_TURN_DEFAULTS]: number };

export interface ChatTurnsOptions {
  store: ConversationStore;
  hub: TurnStreamHub;
  runner: TurnRunner;
  log: Logger;
  limits?: Partial<ChatTurnLimits>;
  /** Epoch ms. */
  now?: () => number;
  /** Ids of server-made messages. */
  newId?: () => string;
}

export interface StartChatTurnInput {
  caller: ChatCaller;
  request: ChatRequestReading;
  /** W3C trace context of the chat request. */
  traceparent?: string;
}

export interface StartedChatTurn {
  turnId: string;
  /** The assistant message the turn writes. */
  messageId: string;
  /** The turn's chunks for the starting request: `start`, the runner's chunks, `finish`. */
  stream: ReadableStream<UIMessageChunk>;
}

export interface ChatTurns {
  /**
   * Checks the caller owns the conversation (404), claims its turn slot (409), records the new message and
   * starts the turn in the background; it runs to completion (or its deadline) whether or not anyone reads.
   */
  start(input: StartChatTurnInput): Promise<StartedChatTurn>;
  /**
   * Someone reads this conversation's running turn (the starting request, or a resume). Returns the
   * function to call when that reader goes away; with no reader left for `abandonAfterMs`, the turn is
   * cancelled.
   */
  attachReader(conversationId: string): () => void;
  /** Turns running now. */
  running(): number;
  /** Resolves once no turn is running: for graceful shutdown. */
  idle(): Promise<void>;
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

/** Runs chat turns: ties the conversation store, the turn stream hub and the turn runner together. */
export function createChatTurns(options: ChatTurnsOptions): ChatTurns {
  const limits: ChatTurnLimits = { ...CHAT_TURN_DEFAULTS, ...options.limits };
  const { store, hub, runner, log } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => `msg_${randomUUID().replaceAll('-', '')}`);
  let running = 0;
  let idleWaiters: (() => void)[] = [];
  /** The running turns' cancellation and readers, by conversation. */
  const live = new Map<string, { abort: AbortController; readers: number; abandon?: NodeJS.Timeout }>();

  const release = (): void => {
    running--;
    if (running > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  /** Runs the turn to its end and stores the outcome; never throws. */
  async function execute(
    conversation: Conversation,
    plan: ChatTurnPlan,
    input: StartChatTurnInput,
    writer: TurnStreamWriter,
  ): Promise<void> {
    const abort = new AbortController();
    const entry = live.get(conversation.id);
    if (entry) entry.abort = abort;
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
            caller: input.caller,
            history: conversation.history,
            ...(plan.userText !== undefined ? { userText: plan.userText } : {}),
            pending: conversation.pending,
            answers: plan.answers,
            signal: abort.signal,
            ...(input.traceparent ? { traceparent: input.traceparent } : {}),
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
      });
    } catch (error) {
      log.error({ err: error, conversationId: conversation.id }, 'could not store the conversation after a turn');
    }
    await writer.end().catch((error: unknown) => log.error({ err: error }, 'could not close the turn stream'));
  }

  return {
    async start(input) {
      const { conversationId } = input.request;
      if (running >= limits.maxRunningTurns) {
        throw new ChatApiError('server_busy', 'The assistant is busy right now; try again in a moment.');
      }
      const existing = await store.get(conversationId);
      if (existing && !isOwnedBy(existing, input.caller)) throw notFound();
      if (!existing && !input.request.userMessage) throw notFound();
      const writer = await hub.begin(conversationId);
      if (!writer) {
        throw new ChatApiError(
          'turn_in_progress',
          'This conversation is still answering its previous message; resume that stream or try again when it ends.',
        );
      }
      running++;
      try {
        // Read again inside the slot: the previous turn may have stored its outcome meanwhile.
        const conversation = (await store.get(conversationId)) ?? (await store.create(conversationId, input.caller));
        if (!isOwnedBy(conversation, input.caller)) throw notFound();
        const plan = planChatTurn(conversation, input.request, { now: now(), newId });
        if (plan.droppedAnswers > 0) {
          log.warn({ conversationId, dropped: plan.droppedAnswers }, 'approval answers named no pending approval');
        }
        await store.save({ ...conversation, messages: plan.messages });
        writer.write({ type: 'start', messageId: plan.assistant.id });
        for (const chunk of uiMessageToChunks(plan.assistant)) writer.write(chunk, { resumeOnly: true });
        const stream = await hub.follow(conversationId, { turnId: writer.turnId });
        if (!stream) throw new Error('the turn stream hub lost a turn it just began');
        live.set(conversationId, { abort: new AbortController(), readers: 0 });
        void execute(conversation, plan, input, writer)
          .catch((error: unknown) => log.error({ err: error, conversationId }, 'chat turn failed unexpectedly'))
          .finally(() => {
            clearTimeout(live.get(conversationId)?.abandon);
            live.delete(conversationId);
            release();
          });
        return { turnId: writer.turnId, messageId: plan.assistant.id, stream };
      } catch (error) {
        release();
        await writer.end();
        throw error;
      }
    },
    attachReader(conversationId) {
      const entry = live.get(conversationId);
      if (!entry) return () => {};
      entry.readers++;
      clearTimeout(entry.abandon);
      let detached = false;
      return () => {
        if (detached) return;
        detached = true;
        entry.readers--;
        if (entry.readers > 0 || live.get(conversationId) !== entry) return;
        entry.abandon = setTimeout(() => {
          log.info({ conversationId }, 'nobody is reading the turn any more; cancelling it');
          entry.abort.abort(new Error('the customer went away'));
        }, limits.abandonAfterMs);
        entry.abandon.unref();
      };
    },
    running: () => running,
    idle: () => (running === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };
}

function notFound(): ChatApiError {
  return new ChatApiError('not_found', 'There is no such conversation for this caller.');
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
