import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@shopchat/mcp-service';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostApp } from '../../src/create-host-app.ts';
import { CHAT_API_DEFAULTS } from '../../src/http/create-chat-routes.ts';
import { ToolsResponseSchema } from '../../src/http/tools-response-schema.ts';
import { createCustomerTokenVerifier } from '../../src/identity/verify-customer-token.ts';
import type { ToolCatalogue } from '../../src/index.ts';
import { createTestCatalogue } from '../catalogue/support/create-test-catalogue.ts';
import { cancelTool, echoTool } from '../catalogue/support/fixture-tools.ts';
import { type FixtureServer, startFixtureServer } from '../catalogue/support/start-fixture-server.ts';
import { waitFor } from '../catalogue/support/wait-for.ts';
import { TEST_SECRET } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { createOpenApiChecker } from './support/openapi-checker.ts';

let orders: FixtureServer;
let catalogue: ToolCatalogue;
let http: Server;
let base: string;

beforeAll(async () => {
  orders = await startFixtureServer({ name: 'orders', tools: [echoTool('get_order'), cancelTool] });
  catalogue = createTestCatalogue([{ name: 'orders', url: orders.url }]);
  await catalogue.start();
  await waitFor(() => catalogue.isReady(), 5_000, 'orders up');
  const host = createHostApp({
    catalogue,
    runner: createFakeTurnRunner(),
    verifyCustomerToken: createCustomerTokenVerifier({ secret: TEST_SECRET }),
    chat: { api: { ...CHAT_API_DEFAULTS, corsAllowedOrigins: [] } },
    log: createLogger({ service: 'host-test', level: 'silent' }),
    registry: new Registry(),
  });
  http = host.app.listen(0, '127.0.0.1');
  await once(http, 'listening');
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  http?.close();
  await catalogue?.close();
  await orders?.stop();
});

describe('GET /api/tools', () => {
  it('sends exactly what its schema and the OpenAPI document describe, availability included', async () => {
    const response = await fetch(`${base}/api/tools`);
    const body = await response.clone().json();
    // The schema is strict: a field sent but not described, or described but not sent, fails here.
    const parsed = ToolsResponseSchema.parse(body);
    expect(parsed.tools.map((tool) => [tool.server, tool.name, tool.available])).toEqual([
      ['orders', 'get_order', true],
      ['orders', 'cancel_thing', true],
    ]);
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as Record<string, unknown>;
    await createOpenApiChecker(document).checkResponse('get', '/api/tools', response);
  });
});
