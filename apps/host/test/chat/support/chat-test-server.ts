import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { UIMessage } from 'ai';
import express from 'express';
import pino from 'pino';
import { Registry } from 'prom-client';
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
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    routes,
    registry,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function tokenFor(customerId: string, extra: { ttlSeconds?: number; audience?: string; secret?: string } = {}) {
  return mintCustomerToken({ secret: extra.secret ?? TEST_SECRET, customerId, ...extra });
}

/** POSTs a hand-made chat body, as a forged or broken client would. */
export function postChat(
  baseUrl: string,
  body: unknown,
  init: { token?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return fetch(`${baseUrl}/api/chat`, {
    method: 'POST',
    ...(init.signal ? { signal: init.signal } : {}),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON chunks of a finished SSE body, `[DONE]` excluded. */
export async function readChunks(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
}

/** A user message as the AI SDK client sends it. */
export function userMessage(text: string, id = `u_${Math.random().toString(36).slice(2, 10)}`) {
  return { id, role: 'user' as const, parts: [{ type: 'text' as const, text }] };
}

/** A unique conversation id per test. */
export function newChatId(): string {
  return `chat-${crypto.randomUUID()}`;
}

/** A JSON body, typed by the caller (tests assert on its shape anyway). */
export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface StoredConversation {
  id: string;
  messages: UIMessage[];
}

/** `GET /api/chat/:id` as a caller with `token` (or anonymous). */
export async function fetchConversation(baseUrl: string, id: string, token?: string): Promise<StoredConversation> {
  const response = await fetch(
    `${baseUrl}/api/chat/${id}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  if (!response.ok) throw new Error(`GET /api/chat/${id} answered ${response.status}`);
  return readJson<StoredConversation>(response);
}
