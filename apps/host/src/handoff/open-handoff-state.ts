import type { HostBase } from '../start/open-host-base.ts';
import { type AgentPresence, createInMemoryAgentPresence, createRedisAgentPresence } from './agent-presence.ts';
import { createInMemoryHandoffBus, createRedisHandoffBus, type HandoffBus } from './handoff-bus.ts';
import { createInMemoryHandoffStore, createRedisHandoffStore, type HandoffStore } from './handoff-store.ts';
import { parseSupportHours, type SupportHours } from './support-hours.ts';

/** What every hand-off path of one process shares: in Redis with `REDIS_URL`, in memory without. */
export interface HandoffState {
  store: HandoffStore;
  bus: HandoffBus;
  presence: AgentPresence;
  supportHours?: SupportHours;
}

const opened = new WeakMap<HostBase, HandoffState>();

/**
 * The hand-off state of a host process, opened once: the all-in-one process's chat API and turn runner must
 * see the same in-memory store. Reads `SUPPORT_HOURS` (a bad value stops the start).
 */
export function openHandoffState(base: HostBase): HandoffState {
  const existing = opened.get(base);
  if (existing) return existing;
  const supportHours = parseSupportHours(base.env.SUPPORT_HOURS);
  const { redis, log } = base;
  const prefix = base.settings.redisPrefix;
  const state: HandoffState = redis
    ? {
        store: createRedisHandoffStore({ redis, prefix }),
        bus: createRedisHandoffBus({ redis, prefix, log, connect: () => base.connectRedis({}) }),
        presence: createRedisAgentPresence({ redis, prefix }),
      }
    : { store: createInMemoryHandoffStore(), bus: createInMemoryHandoffBus(), presence: createInMemoryAgentPresence() };
  if (supportHours) state.supportHours = supportHours;
  opened.set(base, state);
  return state;
}
