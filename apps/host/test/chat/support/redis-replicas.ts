import { dropPrefix, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import type { TurnRunner } from '../../../src/turn/turn-contract.ts';
import { type ChatTestServer, startChatServer } from './chat-test-server.ts';

/** What a replica's Redis-backed chat state is made of. */
export type ReplicaWiring = NonNullable<Parameters<typeof startChatServer>[1]>;

/** API replicas of one test sharing a Redis namespace; each has its own connection, as separate processes would. */
export interface RedisReplicas {
  /** The namespace of the current test (a fresh one per test, dropped after it). */
  readonly prefix: string;
  /** The first replica's connection, for reading what the replicas wrote. */
  readonly connections: readonly Redis[];
  /** Starts one replica: `wire` builds its Redis-backed state from its own connection and the shared prefix. */
  start(runner: TurnRunner, wire: (redis: Redis, prefix: string) => ReplicaWiring): Promise<ChatTestServer>;
}

/** For the suite being declared: replicas on a unique Redis prefix, all closed and the prefix dropped after each test. */
export function useRedisReplicas(): RedisReplicas {
  let servers: ChatTestServer[] = [];
  let connections: Redis[] = [];
  let prefix = uniquePrefix();
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    for (const redis of connections) redis.disconnect();
    await dropPrefix(prefix);
    servers = [];
    connections = [];
    prefix = uniquePrefix();
  });
  return {
    get prefix() {
      return prefix;
    },
    get connections() {
      return connections;
    },
    async start(runner, wire) {
      const redis = new Redis(TEST_REDIS_URL);
      connections.push(redis);
      const server = await startChatServer(runner, wire(redis, prefix));
      servers.push(server);
      return server;
    },
  };
}
