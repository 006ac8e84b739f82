import { fileURLToPath } from 'node:url';
import { declareServerInteropChecks, runInspectorCli } from '@shopchat/mcp-service/testing';
import { EMBEDDED_TEST_BACKEND } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import { TOOL_RESULT_FIXTURES } from '../../../packages/model-sim/test/fixtures/tool-results.ts';
import { serveSeededProducts } from './support/serve-seeded-products.ts';

/** model-sim's tests are fed this server's tools as the host hands them to a model: generated here, never copied. */
const MODEL_SIM_FIXTURE = fileURLToPath(
  new URL('../../../packages/model-sim/test/fixtures/shop-tools/products.json', import.meta.url),
);

// Tools nobody here wrote, run as a developer would run them, against the real products server.
describe('interop with the official conformance suite and MCP Inspector', () => {
  const { products } = serveSeededProducts(EMBEDDED_TEST_BACKEND);

  declareServerInteropChecks({
    target: products,
    modelSimFixture: MODEL_SIM_FIXTURE,
    modelSimResults: TOOL_RESULT_FIXTURES,
    call: async () => ({ name: 'search_products', arguments: { query: 'waterproof hiking boots' } }),
    expectResult: (result) =>
      expect((result.structuredContent as { results: unknown[] }).results.length).toBeGreaterThan(0),
  });

  it('lets MCP Inspector’s CLI list the tools and search the catalogue', async () => {
    const listed = (await runInspectorCli(products.url, '--method', 'tools/list')) as { tools: { name: string }[] };
    // A minimum, not the list: a tool file added to src/tools is served with no edit here.
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['search_products', 'get_product', 'check_availability', 'list_categories']),
    );

    const result = (await runInspectorCli(
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
    )) as {
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
