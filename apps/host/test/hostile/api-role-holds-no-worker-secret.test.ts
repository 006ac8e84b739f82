import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateIdentityKeyPair } from '@shopchat/mcp-service';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishToolList } from '../../src/catalogue/published-tool-list.ts';
import { type RunningHost, startHost, WORKER_ONLY_SECRETS } from '../../src/start-host.ts';

const available = await redisAvailable('the api role holds no worker secret');

/**
 * Attack: break into the internet-facing chat API and take the key that signs customer identities for the MCP
 * servers (or their service token, or the model's key), then act as any customer on the orders server. The API
 * role has nothing to take: it refuses to start with any of them, and never opens a connection to an MCP server.
 */
describe.runIf(available)('the api role holds no worker secret and never reaches an MCP server', () => {
  const prefix = uniquePrefix();
  const base = {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CUSTOMER_JWT_SECRET: 'c'.repeat(32),
    TURN_JOB_SECRET: 'j'.repeat(32),
    PORT: '0',
  };
  let mcpRequests = 0;
  let fakeServer: Server;
  let api: RunningHost;
  let redis: Redis;

  beforeAll(async () => {
    fakeServer = createServer((_req, res) => {
      mcpRequests++;
      res.writeHead(500).end();
    });
    fakeServer.listen(0, '127.0.0.1');
    await new Promise((resolve) => fakeServer.once('listening', resolve));
    const { port } = fakeServer.address() as AddressInfo;
    api = await startHost({ ...base, LOG_LEVEL: 'silent', MCP_SERVERS: `orders=http://127.0.0.1:${port}/mcp` }, 'api');
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await api?.stop();
    fakeServer?.close();
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it.each(WORKER_ONLY_SECRETS)('refuses to start with %s', async (name) => {
    const value = name === 'MCP_IDENTITY_PRIVATE_KEY' ? (await generateIdentityKeyPair()).privateKey : 'x'.repeat(40);
    await expect(startHost({ ...base, [name]: value }, 'api')).rejects.toThrow(new RegExp(`${name}.*api role`));
  });

  it('lists the tools a worker published, without connecting to any MCP server itself', async () => {
    const before = await (await fetch(`${api.url}/api/tools`)).json();
    expect(before).toEqual({ tools: [] });
    const stop = publishToolList({
      redis,
      prefix,
      catalogue: {
        entries: () => [
          {
            server: 'orders',
            name: 'cancel_order',
            originalName: 'cancel_order',
            description: 'Cancel an order.',
            inputSchema: { type: 'object' },
            annotations: { destructiveHint: true },
            destructive: true,
            previewable: false,
            available: true,
          },
        ],
      },
      log: silentLogger,
    });
    try {
      await expect
        .poll(async () => ((await (await fetch(`${api.url}/api/tools`)).json()) as { tools: unknown[] }).tools)
        .toEqual([
          {
            server: 'orders',
            name: 'cancel_order',
            description: 'Cancel an order.',
            inputSchema: { type: 'object' },
            annotations: { destructiveHint: true },
            available: true,
          },
        ]);
    } finally {
      stop();
    }
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    expect(mcpRequests).toBe(0);
  });
});

const silentLogger = {
  warn: () => {},
} as unknown as Parameters<typeof publishToolList>[0]['log'];
