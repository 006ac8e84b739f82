import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Live hand-off events between processes: what the console's queue shows and what a customer's widget
 * hears (an agent's message, typing, the hand-off's state). Fire and forget: whoever was not listening
 * reads the stored conversation or queue when it (re)connects, so nothing is lost by a missed event.
 */
export interface HandoffBus {
  publish(channel: string, event: unknown): Promise<void>;
  /** Resolves once listening (events published after that are delivered); returns the unsubscribe. */
  subscribe(channel: string, listener: (event: unknown) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** The console's queue: hand-offs changing, customers writing. */
export const QUEUE_CHANNEL = 'queue';
/** One customer's widget. */
export const conversationChannel = (conversationId: string): string => `conversation:${conversationId}`;

export function createInMemoryHandoffBus(): HandoffBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(channel, event) {
      emitter.emit(channel, event);
    },
    async subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Redis pub/sub: one subscriber connection per process (opened on first use), shared by every listener
 * of the process; a channel is subscribed while someone listens to it.
 */
export function createRedisHandoffBus(options: {
  redis: Redis;
  /** Opens the subscriber connection (a connection in subscriber mode can do nothing else). */
  connect: () => Redis;
  prefix: string;
  log: Pick<Logger, 'warn'>;
}): HandoffBus {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let subscriber: Redis | undefined;
  const full = (channel: string): string => `${options.prefix}:handoff-events:${channel}`;
  const connection = (): Redis => {
    if (subscriber) return subscriber;
    subscriber = options.connect();
    subscriber.on('message', (channel: string, message: string) => {
      try {
        local.emit(channel, JSON.parse(message));
      } catch (error) {
        options.log.warn({ err: error }, 'unreadable hand-off event');
      }
    });
    return subscriber;
  };
  return {
    async publish(channel, event) {
      await options.redis.publish(full(channel), JSON.stringify(event));
    },
    async subscribe(channel, listener) {
      const name = full(channel);
      const first = local.listenerCount(name) === 0;
      local.on(name, listener);
      if (first) await connection().subscribe(name);
      return () => {
        local.off(name, listener);
        if (local.listenerCount(name) === 0) void subscriber?.unsubscribe(name).catch(() => {});
      };
    },
    async close() {
      local.removeAllListeners();
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}
