import type { HostBase } from '../start/open-host-base.ts';
import { type AgentPresence, createInMemoryAgentPresence, createRedisAgentPresence } from './agent-presence.ts';
import { createInMemoryHandoffBus, createRedisHandoffBus, type HandoffBus } from './handoff-bus.ts';
import { createInMemoryHandoffStore, createRedisHandoffStore, type HandoffStore } from './handoff-store.ts';
import { type HandoffWebhookSettings, loadHandoffWebhookSettings } from './handoff-webhook-settings.ts';
import { createInMemoryReplayGuard, createRedisReplayGuard, type ReplayGuard } from './handoff-webhook-signature.ts';
import { TYPING_WINDOW_MS } from './handoffs.ts';
import { createInMemoryOncePerWindow, createRedisOncePerWindow, type OncePerWindow } from './once-per-window.ts';
import { parseSupportHours, type SupportHours } from './support-hours.ts';

/** What every hand-off path of one process shares: in Redis with `REDIS_URL`, in memory without. */
export interface HandoffState {
  store: HandoffStore;
  bus: HandoffBus;
  presence: AgentPresence;
  /** One published typing signal per conversation a second, whichever replica the console talks to. */
  typingThrottle: OncePerWindow;
  supportHours?: SupportHours;
  /** `HANDOFF_WEBHOOK_URL`: hand-offs also go to an external helpdesk, whose signed replies come back in. */
  webhook?: { settings: HandoffWebhookSettings; replays: ReplayGuard };
}

/** The name of a process's hand-off event subscriber in Redis (`CLIENT LIST`): an operator can see who listens. */
export const handoffEventsConnectionName = (prefix: string): string => `${prefix}:handoff-events`;

const opened = new WeakMap<HostBase, HandoffState>();

/**
 * The hand-off state of a host process, opened once: the all-in-one process's chat API and turn runner must
 * see the same in-memory store. Reads `SUPPORT_HOURS` and `HANDOFF_WEBHOOK_*` (a bad value stops the start).
 */
export function openHandoffState(base: HostBase): HandoffState {
  const existing = opened.get(base);
  if (existing) return existing;
  const supportHours = parseSupportHours(base.env.SUPPORT_HOURS);
  const webhook = loadHandoffWebhookSettings(base.env);
  const { redis, log } = base;
  const prefix = base.settings.redisPrefix;
  const state: HandoffState = redis
    ? {
        store: createRedisHandoffStore({ redis, prefix }),
        bus: createRedisHandoffBus({
          redis,
          prefix,
          log,
          connect: () => base.connectRedis({ connectionName: handoffEventsConnectionName(prefix) }),
        }),
        presence: createRedisAgentPresence({ redis, prefix }),
        typingThrottle: createRedisOncePerWindow({ redis, prefix, name: 'handoff-typing', windowMs: TYPING_WINDOW_MS }),
      }
    : {
        store: createInMemoryHandoffStore(),
        bus: createInMemoryHandoffBus(),
        presence: createInMemoryAgentPresence(),
        typingThrottle: createInMemoryOncePerWindow(TYPING_WINDOW_MS),
      };
  if (supportHours) state.supportHours = supportHours;
  if (webhook) {
    const replays = redis ? createRedisReplayGuard({ redis, prefix }) : createInMemoryReplayGuard();
    state.webhook = { settings: webhook, replays };
  }
  opened.set(base, state);
  return state;
}
