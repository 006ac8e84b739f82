import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createToolCatalogue } from '../../../src/catalogue/tool-catalogue.ts';
import type { ConversationStore } from '../../../src/chat/conversation-store.ts';
import { createHostApp, type HostApp, type HostAppDeps } from '../../../src/create-host-app.ts';
import { CHAT_API_DEFAULTS, type ChatApiOptions } from '../../../src/http/create-chat-routes.ts';
import { createCustomerTokenVerifier } from '../../../src/identity/verify-customer-token.ts';
import { TEST_SECRET } from '../../chat/support/chat-test-server.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../../chat/support/fake-turn-runner.ts';

export interface EdgeHost {
  url: string;
  port: number;
  runner: FakeTurnRunner;
  host: HostApp;
  close(): Promise<void>;
}

export interface EdgeHostOptions {
  runner?: FakeTurnRunner;
  api?: Partial<ChatApiOptions>;
  edge?: HostAppDeps['edge'];
  store?: ConversationStore;
  demoTokens?: Record<string, string>;
}

/**
 * The host's real HTTP app (Host check, headers, chat API, widget routes) on loopback, with a catalogue of
 * no servers and the fake turn runner: what reaches the model is not what these tests attack.
 */
export async function startEdgeHost(options: EdgeHostOptions = {}): Promise<EdgeHost> {
  const log = pino({ level: 'silent' });
  const runner = options.runner ?? createFakeTurnRunner();
  const catalogue = createToolCatalogue({ servers: [], logger: log });
  await catalogue.start();
  const host = createHostApp({
    catalogue,
    runner,
    verifyCustomerToken: createCustomerTokenVerifier({ secret: TEST_SECRET }),
    chat: { api: { ...CHAT_API_DEFAULTS, ...options.api } },
    log,
    registry: new Registry(),
    ...(options.demoTokens ? { demoTokens: options.demoTokens } : {}),
    ...(options.store ? { chatState: { store: options.store } } : {}),
    ...(options.edge ? { edge: options.edge } : {}),
  });
  const server = host.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    runner,
    host,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await catalogue.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with exactly the headers given, `Host` included (fetch does not let a caller choose it):
 * what an attacker's client, or a browser on a rebinding page, sends.
 */
export function rawRequest(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A chat body whose last message is the customer's `text`. */
export function userMessageBody(id: string, text: string) {
  return { id, messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }], trigger: 'submit-message' };
}

/** A chat body answering an approval request, as the AI SDK client sends it back. */
export function approvalAnswerBody(
  id: string,
  answer: { approvalId: string; toolCallId: string; input: unknown; approved?: boolean },
) {
  return {
    id,
    messages: [
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          {
            type: 'tool-cancel_order',
            toolCallId: answer.toolCallId,
            state: 'approval-responded',
            input: answer.input,
            approval: { id: answer.approvalId, approved: answer.approved ?? true },
          },
        ],
      },
    ],
    trigger: 'submit-message',
  };
}
