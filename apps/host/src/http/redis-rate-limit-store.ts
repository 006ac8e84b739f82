import type { IncrementResponse, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { type RedisReply, RedisStore } from 'rate-limit-redis';

export interface RedisRateLimitStoreOptions {
  /** The shared ioredis client (not a blocking one). */
  redis: Redis;
  /** Key namespace: counters live at `${prefix}:rate-limit:${key}`, each with the window as its TTL. */
  prefix: string;
}

/**
 * express-rate-limit counts in Redis (`rate-limit-redis`), so a limit holds across every API replica rather
 * than per process. One store per limiter: express-rate-limit rejects a store shared by two limiters.
 */
export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): Store {
  if (!options.prefix) throw new TypeError('createRedisRateLimitStore: prefix must not be empty');
  const { redis } = options;
  const store = new RedisStore({
    prefix: `${options.prefix}:rate-limit:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
  // rate-limit-redis loads its scripts once, at init, and reloads them only on NOSCRIPT: were Redis down at
  // startup, every later count would fail on the stored rejection. So a failed count reloads them and tries
  // once more.
  const reloadScripts = (): void => {
    store.incrementScriptSha = store.loadIncrementScript();
    store.getScriptSha = store.loadGetScript();
    // Awaited by the next call; handled here so that a failure meanwhile is not an unhandled rejection.
    store.incrementScriptSha.catch(() => {});
    store.getScriptSha.catch(() => {});
  };
  return {
    prefix: store.prefix,
    init: (limiterOptions) => store.init(limiterOptions),
    get: (key) => store.get(key),
    async increment(key): Promise<IncrementResponse> {
      try {
        return await store.increment(key);
      } catch {
        reloadScripts();
        return store.increment(key);
      }
    },
    decrement: (key) => store.decrement(key),
    resetKey: (key) => store.resetKey(key),
  };
}
