import type { Logger } from 'pino';
import { ChatApiError } from '../chat/chat-api-error.ts';
import type { ConversationStore } from '../chat/conversation-store.ts';
import { executeChatTurn } from './execute-chat-turn.ts';
import type { TurnRunner } from './turn-contract.ts';
import type { TurnDispatcher } from './turn-dispatcher.ts';
import type { TurnLimits } from './turn-limits.ts';

export interface InProcessTurnsOptions {
  store: ConversationStore;
  runner: TurnRunner;
  log: Logger;
  limits: TurnLimits;
}

/** Runs accepted turns in this process (the host without `REDIS_URL`), and knows who reads them. */
export function createInProcessTurns(options: InProcessTurnsOptions): TurnDispatcher {
  const { log, limits } = options;
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

  return {
    async checkCapacity() {
      if (running >= limits.maxRunningTurns) {
        throw new ChatApiError('server_busy', 'The assistant is busy right now; try again in a moment.');
      }
    },
    async launch(turn) {
      const conversationId = turn.conversation.id;
      const entry = { abort: new AbortController(), readers: 0 };
      live.set(conversationId, entry);
      running++;
      void executeChatTurn(options, { ...turn, signal: entry.abort.signal })
        .catch((error: unknown) => log.error({ err: error, conversationId }, 'chat turn failed unexpectedly'))
        .finally(() => {
          clearTimeout(live.get(conversationId)?.abandon);
          if (live.get(conversationId) === entry) live.delete(conversationId);
          release();
        });
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
