import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterEach } from 'vitest';
import { type ChatRoutes, type ChatRoutesDeps, createChatRoutes } from '../../../src/http/create-chat-routes.ts';
import { mintCustomerToken } from '../../../src/identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from '../../../src/identity/verify-customer-token.ts';
import type { TurnRunner } from '../../../src/turn/turn-contract.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface ChatTestServer {
  baseUrl: string;
  routes: ChatRoutes;
  registry: Registry;
  close(): Promise<void>;
}

/** Servers started and not yet closed, so {@link closeServersAfterEach} can close what a test left open. */
const running = new Set<ChatTestServer>();

/**
 * Closes, after each test of the calling file, every chat server that test started and did not close:
 * a test that fails half-way must not leave a listening server (and its running turns) to the next one.
 */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    const open = [...running];
    await Promise.all(open.map((server) => server.close()));
  });
}

/** The chat routes on a real HTTP server (port 0, loopback), verifying tokens signed with {@link TEST_SECRET}. */
export async function startChatServer(
  runner: TurnRunner,
  overrides: Partial<Omit<ChatRoutesDeps, 'runner'>> = {},
): Promise<ChatTestServer> {
  const registry = new Registry();
  const routes = createChatRoutes({
    runner,
    verifyCustomerToken: createCustomerTokenVerifier({ secret: TEST_SECRET }),
    log: pino({ level: 'silent' }),
    registry,
    ...overrides,
  });
  const app = express();
  app.use(routes.router);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const chatServer: ChatTestServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    routes,
    registry,
    async close() {
      if (!running.delete(chatServer)) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.add(chatServer);
  return chatServer;
}

export function tokenFor(customerId: string, extra: { ttlSeconds?: number; audience?: string; secret?: string } = {}) {
  return mintCustomerToken({ secret: extra.secret ?? TEST_SECRET, customerId, ...extra });
}
