import { readPublishedToolList } from '../catalogue/published-tool-list.ts';
import { createChatApp } from './create-chat-app.ts';
import type { StartedRole } from './host-role.ts';
import type { HostBase } from './open-host-base.ts';
import { openSharedTurns, openTurnQueue } from './open-shared-turns.ts';

/** The API role of a scaled-out host: serves the chat and queues its turns for the workers. */
export async function startApiRole(base: HostBase): Promise<StartedRole> {
  const shared = openSharedTurns(base);
  const { chatState, queue } = openTurnQueue(base, shared);
  // Ready when Redis is: the workers are the ones that need the MCP servers.
  const catalogue = { ...base.readyCatalogue, isReady: () => shared.redis.status === 'ready' };
  // It never reaches the MCP servers: GET /api/tools lists what the workers publish in Redis.
  const listTools = () => readPublishedToolList(shared.redis, base.settings.redisPrefix);
  const host = await createChatApp(base, catalogue, { chatState }, listTools);
  return {
    app: host.app,
    host,
    turns: 'workers',
    markDraining: () => host.markDraining(),
    drain: () => host.chat.turns.idle(),
    cancel: async () => {},
    async close() {
      await queue.close().catch(() => {});
      shared.presence.close();
    },
  };
}
