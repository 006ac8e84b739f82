import { randomUUID } from 'node:crypto';
import type { UIMessageChunk } from 'ai';
import type { Logger } from 'pino';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { type ConversationStore, isOwnedBy } from '../chat/conversation-store.ts';
import type { ChatRequestReading } from '../chat/read-chat-request.ts';
import { uiMessageToChunks } from '../chat/ui-message-to-chunks.ts';
import { createInProcessTurns } from './in-process-turns.ts';
import { planChatTurn } from './plan-chat-turn.ts';
import type { ChatCaller, TurnRunner } from './turn-contract.ts';
import type { TurnDispatcher } from './turn-dispatcher.ts';
import { TURN_LIMITS, type TurnLimits } from './turn-limits.ts';
import type { TurnStreamHub } from './turn-stream-hub.ts';

export interface ChatTurnsOptions {
  store: ConversationStore;
  hub: TurnStreamHub;
  log: Logger;
  /** Where accepted turns run; by default in this process, with `runner`. */
  dispatcher?: TurnDispatcher;
  /** Runs turns in this process when no `dispatcher` is given. */
  runner?: TurnRunner;
  /** Overrides of {@link TURN_LIMITS} for turns run in this process. */
  limits?: Partial<TurnLimits>;
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
  /** See {@link TurnDispatcher.attachReader}. */
  attachReader(conversationId: string): () => void;
  /** Turns running in this process now. */
  running(): number;
  /** Resolves once no turn runs in this process: for graceful shutdown. */
  idle(): Promise<void>;
}

/** Accepts chat turns: ties the conversation store, the turn stream hub and where turns run together. */
export function createChatTurns(options: ChatTurnsOptions): ChatTurns {
  const { store, hub, log } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => `msg_${randomUUID().replaceAll('-', '')}`);
  const dispatcher = options.dispatcher ?? inProcess(options);

  return {
    async start(input) {
      const { conversationId } = input.request;
      await dispatcher.checkCapacity();
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
      try {
        // Read again inside the slot: the previous turn may have stored its outcome meanwhile.
        const conversation = (await store.get(conversationId)) ?? (await store.create(conversationId, input.caller));
        if (!isOwnedBy(conversation, input.caller)) throw notFound();
        const plan = planChatTurn(conversation, input.request, { now: now(), newId });
        if (plan.droppedAnswers > 0) {
          log.warn({ conversationId, dropped: plan.droppedAnswers }, 'approval answers named no pending approval');
        }
        const started = { ...conversation, messages: plan.messages };
        await store.save(started);
        writer.write({ type: 'start', messageId: plan.assistant.id });
        for (const chunk of uiMessageToChunks(plan.assistant)) writer.write(chunk, { resumeOnly: true });
        const stream = await hub.follow(conversationId, { turnId: writer.turnId });
        if (!stream) throw new Error('the turn stream hub lost a turn it just began');
        await dispatcher.launch({
          turnId: writer.turnId,
          conversation: started,
          plan,
          caller: input.caller,
          traceparent: input.traceparent,
          writer,
        });
        return { turnId: writer.turnId, messageId: plan.assistant.id, stream };
      } catch (error) {
        await writer.end().catch(() => {});
        throw error;
      }
    },
    attachReader: (conversationId) => dispatcher.attachReader(conversationId),
    running: () => dispatcher.running(),
    idle: () => dispatcher.idle(),
  };
}

function inProcess(options: ChatTurnsOptions): TurnDispatcher {
  if (!options.runner) throw new TypeError('createChatTurns: give a dispatcher, or a runner to run turns here');
  return createInProcessTurns({
    store: options.store,
    runner: options.runner,
    log: options.log,
    limits: { ...TURN_LIMITS, ...options.limits },
  });
}

function notFound(): ChatApiError {
  return new ChatApiError('not_found', 'There is no such conversation for this caller.');
}
