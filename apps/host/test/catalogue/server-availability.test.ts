import { describe, expect, it } from 'vitest';
import { ToolUnavailableError } from '../../src/index.ts';
import { closeAfterEach } from './support/close-after-each.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { echoTool } from './support/fixture-tools.ts';
import { offeredToolNames } from './support/offered-tools.ts';
import { type FixtureServerOptions, startFixtureServer } from './support/start-fixture-server.ts';
import { freePort, waitFor } from './support/wait-for.ts';

const resources = closeAfterEach();
const server = async (options: FixtureServerOptions) => resources.server(await startFixtureServer(options));
const stop = resources.stopNow;
const track = resources.catalogue;

describe('a server that is down at startup', () => {
  it('does not block readiness; its tools appear, renamed around collisions, when it comes up', async () => {
    const products = await server({ name: 'products', tools: [echoTool('search'), echoTool('get_product')] });
    const docsPort = await freePort();
    const catalogue = track(
      createTestCatalogue([
        { name: 'products', url: products.url },
        { name: 'docs', url: `http://127.0.0.1:${docsPort}/mcp` },
      ]),
    );
    let changes = 0;
    catalogue.onChange(() => {
      changes += 1;
    });

    await catalogue.start();

    expect(catalogue.isReady()).toBe(true);
    expect(offeredToolNames(catalogue)).toEqual(['search', 'get_product']);
    expect(catalogue.servers()[1]).toMatchObject({
      name: 'docs',
      state: 'down',
      lastError: 'unreachable (ECONNREFUSED)',
      failedAttempts: expect.any(Number),
      toolCount: 0,
    });

    const changesBefore = changes;
    await server({ name: 'docs', tools: [echoTool('search'), echoTool('read_article')], port: docsPort });
    const tookMs = await waitFor(() => catalogue.servers()[1]?.state === 'up', 3_000, 'docs up');

    expect(tookMs).toBeLessThan(3_000);
    expect(changes).toBeGreaterThan(changesBefore);
    // `search` is now offered twice: both are prefixed, for the model and for the API alike.
    expect(offeredToolNames(catalogue)).toEqual(['products_search', 'get_product', 'docs_search', 'read_article']);
    const result = await catalogue.call('docs_search', { text: 'gift returns' });
    expect(result.structuredContent).toEqual({ text: 'gift returns' });
  });
});

describe('a server that goes down while the host runs', () => {
  it('fails calls with a typed error, marks its tools unavailable, then recovers when it is back', async () => {
    const products = await server({ name: 'products', tools: [echoTool('search')] });
    const orders = await server({ name: 'orders', tools: [echoTool('get_order'), echoTool('list_my_orders')] });
    const catalogue = track(
      createTestCatalogue([
        { name: 'products', url: products.url },
        { name: 'orders', url: orders.url },
      ]),
    );
    await catalogue.start();
    expect(offeredToolNames(catalogue)).toHaveLength(3);

    await stop(orders);
    const error = await catalogue.call('get_order', { text: 'A-1042' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ToolUnavailableError);
    expect(error).toMatchObject({ code: 'server_unavailable', isRetryable: true, server: 'orders', tool: 'get_order' });
    expect((error as Error).message).toBe('Could not run get_order: the orders service is unavailable right now.');
    // Listed for GET /api/tools, marked unavailable; kept away from the model.
    expect(catalogue.entries().map(({ name, available }) => [name, available])).toEqual([
      ['search', true],
      ['get_order', false],
      ['list_my_orders', false],
    ]);
    expect(offeredToolNames(catalogue)).toEqual(['search']);
    expect(catalogue.servers()[1]).toMatchObject({ state: 'down', lastError: expect.stringMatching(/^unreachable/) });
    expect(catalogue.isReady()).toBe(true); // orders is optional here

    // While it is down, calls fail at once without waiting on the network.
    const started = Date.now();
    await expect(catalogue.call('list_my_orders', { text: 'x' })).rejects.toMatchObject({ code: 'server_unavailable' });
    expect(Date.now() - started).toBeLessThan(250);
    // The other server is untouched.
    expect((await catalogue.call('search', { text: 'boots' })).structuredContent).toEqual({ text: 'boots' });

    await server({ name: 'orders', tools: [echoTool('get_order'), echoTool('list_my_orders')], port: orders.port });
    await waitFor(() => catalogue.lookup('get_order')?.available === true, 3_000, 'orders back');

    expect(offeredToolNames(catalogue)).toHaveLength(3);
    expect((await catalogue.call('get_order', { text: 'A-1042' })).structuredContent).toEqual({ text: 'A-1042' });
  });

  it('notices an outage at the periodic refresh, without any call', async () => {
    const orders = await server({ name: 'orders', tools: [echoTool('get_order')] });
    const catalogue = track(
      createTestCatalogue([{ name: 'orders', url: orders.url }], { settings: { refreshIntervalMs: 100 } }),
    );
    await catalogue.start();

    await stop(orders);

    await waitFor(() => catalogue.lookup('get_order')?.available === false, 3_000, 'marked unavailable');
    expect(offeredToolNames(catalogue)).toEqual([]);
    await server({ name: 'orders', tools: [echoTool('get_order')], port: orders.port });
    await waitFor(() => catalogue.lookup('get_order')?.available === true, 3_000, 'back');
  });

  it('keeps a required server out of readiness while it is down', async () => {
    const orders = await server({ name: 'orders', tools: [echoTool('get_order')] });
    const catalogue = track(createTestCatalogue([{ name: 'orders', url: orders.url, required: true }]));
    await catalogue.start();
    expect(catalogue.isReady()).toBe(true);

    await stop(orders);
    await expect(catalogue.call('get_order', { text: 'x' })).rejects.toMatchObject({ code: 'server_unavailable' });

    expect(catalogue.isReady()).toBe(false);
    await server({ name: 'orders', tools: [echoTool('get_order')], port: orders.port });
    await catalogue.ready(AbortSignal.timeout(3_000));
    expect(catalogue.isReady()).toBe(true);
  });

  it('survives a restart: a read-only call on a socket of the old process is repeated, not failed', async () => {
    const orders = await server({ name: 'orders', tools: [echoTool('get_order')] });
    const catalogue = track(createTestCatalogue([{ name: 'orders', url: orders.url }]));
    await catalogue.start();
    await catalogue.call('get_order', { text: 'keep-alive' }); // leaves a pooled connection behind

    await stop(orders);
    await server({ name: 'orders', tools: [echoTool('get_order')], port: orders.port });
    const result = await catalogue.call('get_order', { text: 'A-1042' });

    expect(result.structuredContent).toEqual({ text: 'A-1042' });
    expect(catalogue.servers()[0]).toMatchObject({ state: 'up' });
  });
});
