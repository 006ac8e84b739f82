import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use: TEST_REDIS_URL, or the local server. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers. Without it the Redis suites are skipped with one loud line, except under
 * CI=true, where they run and fail.
 */
export async function redisAvailable(suite: string): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') return true; // let the suite run and fail loudly
    console.warn(
      `⚠ Redis tests of ${suite} SKIPPED: cannot reach ${TEST_REDIS_URL} (${(error as Error).message}). Install and start Redis (apt-get install redis-server), or set TEST_REDIS_URL.`,
    );
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A key prefix of its own, so test runs never see each other's queues; removed by {@link dropPrefix}. */
export function uniquePrefix(): string {
  return `test-${randomUUID()}`;
}

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * TEST_REDIS_URL on database `index`: for a suite whose processes share Redis the way a deployment does
 * (their own keys under their own prefix) and that may flush its database when done.
 */
export function testRedisDatabaseUrl(index: number): string {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${index}`;
  return url.toString();
}
