import { CUSTOMER_TOKEN_META_KEY, IDEMPOTENCY_KEY_META_KEY } from '@shopchat/mcp-service';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ToolCallEvent, ToolUnavailableError, toolErrorCode } from '../../src/index.ts';
import { closeAfterEach } from './support/close-after-each.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { cancelTool, echoTool, slowTool, traceTool, whoAmITool } from './support/fixture-tools.ts';
import { asksApprovalFor, offeredToolNames } from './support/offered-tools.ts';
import { type FixtureServerOptions, startFixtureServer } from './support/start-fixture-server.ts';
import { waitFor } from './support/wait-for.ts';

const SERVICE_TOKEN = 'service-token-for-host-tests';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let identity: TestIdentity;
const resources = closeAfterEach();
const server = async (options: FixtureServerOptions) => resources.server(await startFixtureServer(options));
const track = resources.catalogue;

beforeAll(async () => {
  identity = await createTestIdentity();
});

describe('gathering tools from several servers', () => {
  it('lists every server in one catalogue: unique names as given, shared names prefixed for all', async () => {
    const orders = await server({ name: 'orders', tools: [echoTool('search'), echoTool('get_order'), cancelTool] });
    const docs = await server({ name: 'docs', tools: [echoTool('search'), echoTool('read_article')] });
    const catalogue = track(
      createTestCatalogue([
        { name: 'orders', url: orders.url },
        { name: 'docs', url: docs.url },
      ]),
    );

    await catalogue.start();

    expect(catalogue.isReady()).toBe(true);
    expect(catalogue.servers().map(({ name, state, toolCount }) => ({ name, state, toolCount }))).toEqual([
      { name: 'orders', state: 'up', toolCount: 3 },
      { name: 'docs', state: 'up', toolCount: 2 },
    ]);
    expect(catalogue.entries().map(({ server, name, originalName }) => [server, name, originalName])).toEqual([
      ['orders', 'orders_search', 'search'],
      ['orders', 'get_order', 'get_order'],
      ['orders', 'cancel_thing', 'cancel_thing'],
      ['docs', 'docs_search', 'search'],
      ['docs', 'read_article', 'read_article'],
    ]);
    const getOrder = catalogue.lookup('get_order');
    expect(getOrder).toMatchObject({
      server: 'orders',
      title: 'Echo get_order',
      description: 'Echoes text (get_order).',
      annotations: { readOnlyHint: true, destructiveHint: false },
      available: true,
    });
    expect(getOrder?.inputSchema).toMatchObject({ type: 'object', required: ['text'] });
    expect(asksApprovalFor(catalogue, 'get_order')).toBe(false);
    expect(asksApprovalFor(catalogue, 'cancel_thing')).toBe(true);
    expect(catalogue.lookup('search')).toBeUndefined();

    const offered = offeredToolNames(catalogue);
    expect(offered).toEqual(['orders_search', 'get_order', 'cancel_thing', 'docs_search', 'read_article']);
    for (const name of offered) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('routes a call to the server that owns the tool, under its original name', async () => {
    const events: ToolCallEvent[] = [];
    const orders = await server({ name: 'orders', tools: [echoTool('search', 'Orders search.')] });
    const docs = await server({ name: 'docs', tools: [echoTool('search', 'Docs search.')] });
    const catalogue = track(
      createTestCatalogue(
        [
          { name: 'orders', url: orders.url },
          { name: 'docs', url: docs.url },
        ],
        { onToolCall: (event) => events.push(event) },
      ),
    );
    await catalogue.start();

    const result = await catalogue.call('docs_search', { text: 'returns policy' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ text: 'returns policy' });
    expect(events).toEqual([{ server: 'docs', tool: 'docs_search', outcome: 'ok', durationMs: expect.any(Number) }]);
    await expect(catalogue.call('search', { text: 'x' })).rejects.toMatchObject({
      name: 'ToolUnavailableError',
      code: 'tool_not_found',
      isRetryable: false,
    });
  });

  it('returns a tool failure as data, with its error code', async () => {
    const shop = await server({ name: 'shop', tools: [echoTool('echo')] });
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: shop.url }]));
    await catalogue.start();

    const result = await catalogue.call('echo', { text: 42 });

    expect(result.isError).toBe(true);
    expect(toolErrorCode(result)).toBe('invalid_arguments');
  });

  it('connects in parallel, and a server that never answers costs only the connect timeout', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const hung = createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const port = (hung.address() as import('node:net').AddressInfo).port;
    try {
      const catalogue = track(
        createTestCatalogue(
          ['a', 'b', 'c'].map((name) => ({ name, url: `http://127.0.0.1:${port}/${name}` })),
          { settings: { connectTimeoutMs: 400, retryInitialDelayMs: 10_000, retryMaxDelayMs: 10_000 } },
        ),
      );
      const started = Date.now();
      await catalogue.start();
      const elapsed = Date.now() - started;

      expect(elapsed).toBeLessThan(1_100); // three attempts one after another would take 1.2 s
      expect(catalogue.isReady()).toBe(true);
      expect(catalogue.servers().map((status) => [status.state, status.lastError])).toEqual([
        ['down', 'timed out'],
        ['down', 'timed out'],
        ['down', 'timed out'],
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      hung.close();
    }
  });
});

describe('who the call is for', () => {
  it("sends a fresh identity token for the server's own audience; anonymous callers send none", async () => {
    const orders = await server({ name: 'orders', tools: [whoAmITool], identityPublicKey: identity.publicKey });
    const catalogue = track(createTestCatalogue([{ name: 'orders', url: orders.url }], { signer: identity.signer }));
    await catalogue.start();

    const alice = await catalogue.call('who_am_i', {}, { customerId: 'cust_alice' });
    const bob = await catalogue.call('who_am_i', {}, { customerId: 'cust_bob' });
    const anonymous = await catalogue.call('who_am_i', {});

    expect(alice.structuredContent).toEqual({ customerId: 'cust_alice' });
    expect(bob.structuredContent).toEqual({ customerId: 'cust_bob' });
    expect(anonymous.isError).toBe(true);
    expect(toolErrorCode(anonymous)).toBe('sign_in_required');
  });

  it('scopes the token to the configured server name: another server refuses it', async () => {
    // The server calls itself "orders", but the host knows it as "docs": the token says aud=docs.
    const orders = await server({ name: 'orders', tools: [whoAmITool], identityPublicKey: identity.publicKey });
    const catalogue = track(createTestCatalogue([{ name: 'docs', url: orders.url }], { signer: identity.signer }));
    await catalogue.start();

    const result = await catalogue.call('who_am_i', {}, { customerId: 'cust_alice' });

    expect(toolErrorCode(result)).toBe('identity_invalid');
  });

  it('refuses a call for a customer when the host has no signing key, rather than going anonymous', async () => {
    const orders = await server({ name: 'orders', tools: [whoAmITool], identityPublicKey: identity.publicKey });
    const catalogue = track(createTestCatalogue([{ name: 'orders', url: orders.url }]));
    await catalogue.start();

    await expect(catalogue.call('who_am_i', {}, { customerId: 'cust_alice' })).rejects.toMatchObject({
      code: 'identity_unavailable',
    });
  });

  it('puts the service token, the identity token and the trace context on the wire', async () => {
    const seen: { headers: Headers; body: { method?: string; params?: { _meta?: Record<string, unknown> } } }[] = [];
    const recordingFetch = async (url: string | URL, init?: RequestInit) => {
      if (init?.method === 'POST')
        seen.push({ headers: new Headers(init.headers), body: JSON.parse(String(init.body)) });
      return fetch(url, init);
    };
    const shop = await server({
      name: 'shop',
      tools: [whoAmITool, traceTool],
      serviceToken: SERVICE_TOKEN,
      identityPublicKey: identity.publicKey,
    });
    const catalogue = track(
      createTestCatalogue([{ name: 'shop', url: shop.url }], {
        serviceToken: SERVICE_TOKEN,
        signer: identity.signer,
        fetch: recordingFetch,
      }),
    );
    await catalogue.start();

    const traced = await catalogue.call('trace_id', {}, { traceparent: TRACEPARENT, tracestate: 'shop=1' });
    await catalogue.call('who_am_i', {}, { customerId: 'cust_alice', idempotencyKey: 'sc1-key-of-this-call' });

    // The server continued our trace: the header arrived.
    expect(traced.structuredContent).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    for (const request of seen) expect(request.headers.get('authorization')).toBe(`Bearer ${SERVICE_TOKEN}`);
    const calls = seen.filter((request) => request.body.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers.get('traceparent')).toBe(TRACEPARENT);
    expect(calls[0]?.headers.get('tracestate')).toBe('shop=1');
    // Beside the trace context, only the 2026-07-28 envelope the SDK adds (the host speaks that revision here).
    expect(calls[0]?.body.params?._meta).toEqual({
      traceparent: TRACEPARENT,
      tracestate: 'shop=1',
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'shopchat-host', version: '0.1.0' },
      'io.modelcontextprotocol/clientCapabilities': {},
    });
    expect(calls[0]?.headers.get('mcp-protocol-version')).toBe('2026-07-28');
    const token = calls[1]?.body.params?._meta?.[CUSTOMER_TOKEN_META_KEY];
    expect(typeof token).toBe('string');
    const claims = JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'cust_alice', aud: 'shop', iss: 'shopchat-host' });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(60);
    expect(calls[1]?.body.params?._meta?.[IDEMPOTENCY_KEY_META_KEY]).toBe('sc1-key-of-this-call');
    expect(calls[0]?.body.params?._meta).not.toHaveProperty(IDEMPOTENCY_KEY_META_KEY);
  });

  it('without the service token the server refuses the host: down, with a reason, never blocking startup', async () => {
    const shop = await server({ name: 'shop', tools: [echoTool('echo')], serviceToken: SERVICE_TOKEN });
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: shop.url }]));

    await catalogue.start();

    expect(catalogue.isReady()).toBe(true);
    expect(catalogue.entries()).toEqual([]);
    expect(catalogue.servers()[0]).toMatchObject({ state: 'down', lastError: expect.stringContaining('401') });
  });
});

describe('deadlines', () => {
  it('gives up on a call after its timeout and closes the request, so the server stops working too', async () => {
    let serverAborted = false;
    const shop = await server({ name: 'shop', tools: [slowTool(() => (serverAborted = true))] });
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: shop.url }]));
    await catalogue.start();

    const started = Date.now();
    const error = await catalogue.call('slow', {}, { timeoutMs: 300 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ToolUnavailableError);
    expect(error).toMatchObject({ code: 'timeout', isRetryable: true, server: 'shop', tool: 'slow' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => serverAborted, 2_000, 'server-side abort');
    expect(catalogue.servers()[0]?.state).toBe('up'); // slow is not down
  });

  it("stops a call when the caller's signal aborts (the customer went away)", async () => {
    let serverAborted = false;
    const shop = await server({ name: 'shop', tools: [slowTool(() => (serverAborted = true))] });
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: shop.url }]));
    await catalogue.start();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);

    await expect(catalogue.call('slow', {}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
      isRetryable: false,
    });
    await waitFor(() => serverAborted, 2_000, 'server-side abort');
    await expect(catalogue.call('slow', {}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});

describe('keeping the list current', () => {
  it('re-reads the list periodically and changes the catalogue only when its hash changes', async () => {
    const first = await server({ name: 'shop', tools: [echoTool('echo')] });
    const catalogue = track(
      createTestCatalogue([{ name: 'shop', url: first.url }], { settings: { refreshIntervalMs: 100 } }),
    );
    await catalogue.start();
    let changes = 0;
    catalogue.onChange(() => {
      changes += 1;
    });
    const before = catalogue.entries();
    await new Promise((resolve) => setTimeout(resolve, 450)); // several refreshes of an unchanged list

    expect(changes).toBe(0);
    expect(catalogue.entries()).toBe(before);

    await resources.stopNow(first);
    await server({ name: 'shop', tools: [echoTool('echo'), echoTool('wave')], port: first.port });
    await waitFor(() => catalogue.lookup('wave')?.available === true, 3_000, 'new tool listed');

    expect(changes).toBeGreaterThan(0);
    expect(offeredToolNames(catalogue)).toEqual(['echo', 'wave']);
  });

  it('refreshes when the server no longer knows a listed tool, and drops it', async () => {
    const first = await server({ name: 'shop', tools: [echoTool('echo'), echoTool('retired')] });
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: first.url }]));
    await catalogue.start();
    expect(catalogue.lookup('retired')).toBeDefined();

    await resources.stopNow(first);
    await server({ name: 'shop', tools: [echoTool('echo')], port: first.port });

    await expect(catalogue.call('retired', { text: 'x' })).rejects.toMatchObject({ code: 'tool_not_found' });
    expect(catalogue.lookup('retired')).toBeUndefined();
    expect(catalogue.lookup('echo')?.available).toBe(true);
  });

  it('retries once when a refresh shows the tool is still offered (a replica that lagged behind)', async () => {
    const stale = await server({ name: 'shop', tools: [echoTool('echo')] });
    const current = await server({ name: 'shop', tools: [echoTool('echo'), echoTool('fresh')] });
    let staleCalls = 0;
    let listings = 0;
    // A load balancer at the wire: the first tools/call reaches the replica that lacks the tool.
    const balancingFetch = async (url: string | URL, init?: RequestInit) => {
      const body = init?.method === 'POST' ? JSON.parse(String(init.body)) : undefined;
      if (body?.method === 'tools/list') listings += 1;
      if (body?.method === 'tools/call' && staleCalls === 0) {
        staleCalls += 1;
        return fetch(stale.url, init);
      }
      return fetch(url, init);
    };
    const catalogue = track(createTestCatalogue([{ name: 'shop', url: current.url }], { fetch: balancingFetch }));
    await catalogue.start();
    const listingsAtStart = listings;

    const result = await catalogue.call('fresh', { text: 'hello' });

    expect(result.structuredContent).toEqual({ text: 'hello' });
    expect(staleCalls).toBe(1);
    expect(listings).toBe(listingsAtStart + 1);
  });
});

describe('readiness', () => {
  it('is not ready while a required server is down, and becomes ready when it comes up', async () => {
    const { freePort } = await import('./support/wait-for.ts');
    const optional = await server({ name: 'docs', tools: [echoTool('search')] });
    const port = await freePort();
    const catalogue = track(
      createTestCatalogue([
        { name: 'docs', url: optional.url },
        { name: 'orders', url: `http://127.0.0.1:${port}/mcp`, required: true },
      ]),
    );

    await catalogue.start(); // never blocks on a server: /healthz must answer meanwhile
    const ready = catalogue.ready();
    const early = await Promise.race([ready.then(() => 'ready'), sleep(300).then(() => 'pending')]);

    expect(catalogue.isReady()).toBe(false);
    expect(early).toBe('pending');
    expect(catalogue.servers()[1]).toMatchObject({ name: 'orders', state: 'down', required: true });

    await server({ name: 'orders', tools: [echoTool('get_order')], port });
    await ready;

    expect(catalogue.isReady()).toBe(true);
    expect(catalogue.lookup('get_order')?.available).toBe(true);
  });

  it('gives up waiting for readiness when the signal aborts', async () => {
    const { freePort } = await import('./support/wait-for.ts');
    const port = await freePort();
    const catalogue = track(
      createTestCatalogue([{ name: 'orders', url: `http://127.0.0.1:${port}/mcp`, required: true }]),
    );
    await catalogue.start();

    await expect(catalogue.ready(AbortSignal.timeout(100))).rejects.toMatchObject({ name: 'TimeoutError' });
    const waiting = catalogue.ready();
    await catalogue.close(); // SIGTERM before the required server ever came up
    await expect(waiting).rejects.toThrow('closed before it was ready');
  });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
