import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProducts, startProductsService } from './support/start-products-service.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const pglite = (await testBackends()).find((backend) => backend.name === 'pglite');

/** The conformance scenarios that apply to a server without the suite's own fixture tools. */
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

// Tools nobody here wrote, run as a developer would run them, against the real products server.
describe('interop with the official conformance suite and MCP Inspector', () => {
  let database: TestDatabase;
  let products: RunningProducts;

  beforeAll(async () => {
    if (!pglite) throw new Error('the embedded database backend is always available');
    database = await openSeededDatabase(pglite);
    products = await startProductsService(database.db);
  });
  afterAll(async () => {
    await products?.stop();
    await database?.dispose();
  });

  it.each(SCENARIOS)(
    'passes the conformance scenario %s',
    async (scenario) => {
      const { stdout } = await run(bin('conformance'), ['server', '--url', products.url, '--scenario', scenario], {
        timeout: 60_000,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`conformance ${scenario} failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
    },
    90_000,
  );

  it('lets MCP Inspector’s CLI list the tools and search the catalogue', async () => {
    const listed = await run(bin('mcp-inspector'), ['--cli', products.url, '--method', 'tools/list'], {
      timeout: 60_000,
    });
    const names = (JSON.parse(listed.stdout) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(names).toEqual(['search_products', 'get_product', 'check_availability', 'list_categories']);

    const called = await run(
      bin('mcp-inspector'),
      [
        '--cli',
        products.url,
        '--method',
        'tools/call',
        '--tool-name',
        'search_products',
        '--tool-arg',
        'query=waterproof hiking boots',
        '--tool-arg',
        // Quoted: the Inspector reads a bare 44 as a number, and size is a string ("44", "M", "one-size").
        'size="44"',
        '--tool-arg',
        'max_price=150',
      ],
      { timeout: 60_000 },
    );
    const result = JSON.parse(called.stdout) as {
      isError?: boolean;
      structuredContent?: { filters: object; results: { category: string; price: { amount_minor: number } }[] };
    };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.filters).toMatchObject({ size: '44', max_price: 150 });
    expect(result.structuredContent?.results.length).toBeGreaterThan(0);
    for (const card of result.structuredContent?.results ?? [])
      expect(card.price.amount_minor).toBeLessThanOrEqual(15000);
  }, 120_000);
});
