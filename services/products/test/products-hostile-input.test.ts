import {
  answerHostileCalls,
  describeFuzzReport,
  type FuzzedTool,
  fuzzServerTools,
  fuzzTestTimeoutMs,
  type HostileCall,
  postOversizedToolCall,
} from '@shopchat/mcp-service/testing';
import { describe, expect, it } from 'vitest';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { serveSeededProducts } from './support/serve-seeded-products.ts';
import { testBackends } from './support/test-databases.ts';

const backends = await testBackends();

const SQL_INJECTION = [
  "' OR '1'='1",
  "rain jacket' OR '1'='1",
  "'; DROP TABLE products; --",
  'boots" OR 1=1 --',
  "1; DELETE FROM product_variants WHERE '1'='1",
  "x' UNION SELECT sku, stock FROM product_variants --",
  "%' OR id LIKE '%",
  "\\'; TRUNCATE products CASCADE; --",
  "northwind-mens-stormline-rain-jacket'--",
  "'; UPDATE product_variants SET stock = 0; --",
];
const ODD_UNICODE = [
  'rain jacket\u202E',
  'ｒａｉｎ ｊａｃｋｅｔ',
  'boots\u0000',
  '🦄🦄🦄🦄',
  'bo\u0301ots',
  '\uD800boots',
  'tent\u200B',
  'خيمة',
  '',
  ' '.repeat(8),
  '\n\t\r',
];
const STRINGS = [...SQL_INJECTION, ...ODD_UNICODE, 'x'.repeat(10_000), 'boots '.repeat(40)];
const WRONG_TYPES = [44, null, true, [], {}, ['boots'], { $ne: null }, -1, 1e308, Number.NaN];
const PRODUCT = 'northwind-mens-stormline-rain-jacket';

/** Every way a model or an attacker could shape the arguments of each tool. */
function hostileCalls(): HostileCall[] {
  const calls: HostileCall[] = [];
  for (const value of [...STRINGS, ...WRONG_TYPES]) {
    calls.push(['search_products', { query: value }]);
    for (const field of ['category', 'size', 'colour', 'gender', 'season', 'sort']) {
      calls.push(['search_products', { query: 'boots', [field]: value }]);
    }
    for (const field of ['min_price', 'max_price', 'limit', 'waterproof', 'in_stock']) {
      calls.push(['search_products', { query: 'boots', [field]: value }]);
    }
    calls.push(['get_product', { product_id: value }]);
    calls.push(['check_availability', { product_id: value }]);
    calls.push(['check_availability', { product_id: PRODUCT, size: value }]);
    calls.push(['check_availability', { product_id: PRODUCT, colour: value }]);
  }
  // Well-formed ids of products that do not exist.
  for (const id of ['no-such-product', `${PRODUCT}-x`, 'DROP-TABLE-products', 'a'.repeat(120)]) {
    calls.push(['get_product', { product_id: id }]);
    calls.push(['check_availability', { product_id: id, size: 'M' }]);
  }
  // Fields the schemas do not have, and values out of range.
  calls.push(['search_products', { query: 'boots', customer_id: 'cust_alice' }]);
  calls.push(['search_products', { query: 'boots', limit: 21 }]);
  calls.push(['search_products', { query: 'boots', limit: 0 }]);
  calls.push(['search_products', { query: 'boots', limit: 2.5 }]);
  calls.push(['search_products', { query: 'boots', max_price: 1e9 }]);
  calls.push(['search_products', { query: 'boots', min_price: 200, max_price: 100 }]);
  calls.push(['search_products', {}]);
  calls.push(['get_product', { product_id: PRODUCT, include_cost_price: true }]);
  calls.push(['check_availability', { product_id: PRODUCT, size: 'M', quantity: 1000 }]);
  calls.push(['list_categories', { everything: true }]);
  calls.push(['get_product', JSON.parse(`{"product_id":"${PRODUCT}","__proto__":{"admin":true}}`)]);
  return calls;
}

describe.each(backends)('products MCP server under hostile input on $name', (backend) => {
  const { database, products } = serveSeededProducts(backend);

  it.skipIf(!backend.available)(
    'answers every hostile call with a clear result or error, changes nothing, and keeps serving',
    async () => {
      const before = await databaseFingerprint(database.db);
      const calls = hostileCalls();
      const codes = await answerHostileCalls(
        calls,
        (tool, args) => products.call(tool, args),
        ({ label, result, body }) => {
          expect(body, label).not.toMatch(/at .*\.ts:\d+|syntax error|SQLSTATE|relation "|stack|node_modules/i);
          if (result.isError) expect(result.content[0]?.text?.length, label).toBeGreaterThan(10);
          // A search for junk is a search that finds nothing: an answer, not a failure.
          else expect(result.structuredContent, label).toBeDefined();
        },
      );
      expect(calls.length).toBeGreaterThan(300);
      expect([...codes.keys()].sort()).toEqual(['invalid_arguments', 'invalid_price_range', 'ok', 'product_not_found']);
      expect(codes.get('invalid_arguments')).toBeGreaterThan(200);
      expect(await databaseFingerprint(database.db)).toBe(before);
      expect((await products.client.ping()) ?? {}).toEqual({});
    },
  );

  it.skipIf(!backend.available)('names the bad field in invalid-argument errors', async () => {
    const result = await products.call('search_products', { query: 'boots', size: "'; DROP TABLE products; --" });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/size/);
    const missing = await products.call('search_products', {});
    expect(missing.content[0]?.text).toMatch(/query/);
  });

  it.skipIf(!backend.available)('refuses an oversized body with 413 and stays up', async () => {
    const refused = await postOversizedToolCall(products.url, 'search_products', 'query');
    expect(refused.status).toBe(413);
    expect(refused.text).not.toMatch(/stack|\.ts:/);
    expect((await products.call('search_products', { query: 'boots' })).isError).toBeFalsy();
  });

  // Property-based: arguments generated from each listed tool's own schema, so a new tool is covered without a
  // change here. The catalogue is public: the host calls it without a customer identity.
  it.skipIf(!backend.available)(
    'answers generated calls to every tool cleanly and changes nothing',
    async () => {
      const { tools } = await products.client.listTools();
      const [product] = await database.db.query<{ id: string; sku: string }>('SELECT id, sku FROM products LIMIT 1');
      const report = await fuzzServerTools({
        tools: tools as FuzzedTool[],
        callers: [undefined],
        call: (name, args, _caller, preview) => products.call(name, args, { preview }),
        fingerprint: () => databaseFingerprint(database.db),
        ping: () => products.client.ping(),
        // Real ids and words, so that well-formed calls find products and reach the availability code.
        values: () => ({ own: [product?.id ?? PRODUCT, product?.sku ?? PRODUCT, PRODUCT, 'boots', 'M', '44'] }),
      });
      // biome-ignore lint/suspicious/noConsole: the summary line is this test's report
      console.log(describeFuzzReport(`products tools on ${backend.name}`, report));
      expect(report.problems).toEqual([]);
      expect(report.tried).toBeGreaterThanOrEqual(tools.length * 20);
      expect(Object.keys(report.outcomes)).toEqual(
        expect.arrayContaining(['ok', 'invalid_arguments', 'product_not_found']),
      );
    },
    fuzzTestTimeoutMs(),
  );
});
