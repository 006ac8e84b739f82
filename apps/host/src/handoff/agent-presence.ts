import type { Redis } from 'ioredis';

/** Who is signed in to the console now: an agent with the queue open counts, for a while after it closes. */
export interface AgentPresence {
  /** The agent is here (the queue stream calls this on open and every heartbeat). */
  seen(staffId: string): Promise<void>;
  /** Agents seen within the presence window. */
  count(): Promise<number>;
}

/** An agent counts this long after the last heartbeat: three missed heartbeats of the queue stream. */
export const PRESENCE_WINDOW_MS = 45_000;

export function createInMemoryAgentPresence(now: () => number = Date.now): AgentPresence {
  const lastSeen = new Map<string, number>();
  return {
    async seen(staffId) {
      lastSeen.set(staffId, now());
    },
    async count() {
      const since = now() - PRESENCE_WINDOW_MS;
      return [...lastSeen.values()].filter((at) => at > since).length;
    },
  };
}

export function createRedisAgentPresence(options: { redis: Redis; prefix: string; now?: () => number }): AgentPresence {
  const { redis } = options;
  const now = options.now ?? Date.now;
  const key = `${options.prefix}:handoff-agents`;
  return {
    async seen(staffId) {
      await redis.zadd(key, now(), staffId);
    },
    async count() {
      const since = now() - PRESENCE_WINDOW_MS;
      await redis.zremrangebyscore(key, '-inf', since);
      return redis.zcount(key, `(${since}`, '+inf');
    },
  };
}
