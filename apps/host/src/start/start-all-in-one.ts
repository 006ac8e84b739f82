import { createInMemoryConversationStore } from '../chat/in-memory-conversation-store.ts';
import { createChatApp } from './create-chat-app.ts';
import { createTurnRunner } from './create-turn-runner.ts';
import type { StartedRole } from './host-role.ts';
import type { HostBase } from './open-host-base.ts';
import { openSharedTurns, openTurnQueue, startQueueWorker } from './open-shared-turns.ts';

/**
 * The whole host in one process (`npm start`): the chat API runs its turns itself; with `REDIS_URL` they go
 * through the queue to this process's own worker, as they would to separate ones.
 */
export async function startAllInOne(base: HostBase): Promise<StartedRole> {
  if (!base.redis) {
    // One conversation store for the chat API and the turn runner: a hand-off sends the transcript from it.
    const store = createInMemoryConversationStore();
    const runner = createTurnRunner(base, store);
    const host = await createChatApp(base, base.readyCatalogue, { runner, chatState: { store } });
    return {
      app: host.app,
      host,
      turns: 'in-process',
      markDraining: () => host.markDraining(),
      drain: () => host.chat.turns.idle(),
      cancel: async () => {},
      close: async () => {},
    };
  }
  const runner = createTurnRunner(base);
  const shared = openSharedTurns(base);
  const { worker, recordWorker, connection, stopPublishing } = startQueueWorker(base, shared, runner);
  const { chatState, queue } = openTurnQueue(base, shared);
  const host = await createChatApp(base, base.readyCatalogue, { chatState });
  return {
    app: host.app,
    host,
    turns: `queue (concurrency ${base.settings.workerConcurrency})`,
    markDraining: () => host.markDraining(),
    drain: () => Promise.all([host.chat.turns.idle(), worker.close()]),
    cancel: () => worker.close(true),
    async close() {
      stopPublishing();
      // After the turns: their last records are queued; what is left waits in Redis for another worker.
      await recordWorker.close().catch(() => {});
      await queue.close().catch(() => {});
      shared.presence.close();
      connection.disconnect();
    },
  };
}
