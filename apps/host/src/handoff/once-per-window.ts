import type { Redis } from 'ioredis';

/**
 * Says yes to a key once per window: the first call for a key answers true, every other call within
 * `windowMs` of it false. The webhook's replay guard (a signature is good once) and the typing throttle (one
 * typing event a second per conversation) are both this.
 */
export interface OncePerWindow {
  first(key: string): Promise<boolean>;
}

/** Across processes: one `SET NX PX` per key, under `<prefix>:<name>:`. */
export function createRedisOncePerWindow(options: {
  redis: Redis;
  prefix: string;
  name: string;
  windowMs: number;
}): OncePerWindow {
  return {
    async first(key) {
      const full = `${options.prefix}:${options.name}:${key}`;
      return (await options.redis.set(full, '1', 'PX', options.windowMs, 'NX')) === 'OK';
    },
  };
}

/** One process: a map of key → end of its window, swept as it is used. */
export function createInMemoryOncePerWindow(windowMs: number, now: () => number = Date.now): OncePerWindow {
  const until = new Map<string, number>();
  return {
    async first(key) {
      const at = now();
      for (const [seen, ends] of until) if (ends <= at) until.delete(seen);
      if (until.has(key)) return false;
      until.set(key, at + windowMs);
      return true;
    },
  };
}
