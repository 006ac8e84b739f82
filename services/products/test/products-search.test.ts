import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductCard } from '../src/tools/product-card.ts';
import { type CatalogueOracle, loadCatalogueOracle, type OracleFilters } from './support/catalogue-oracle.ts';
import { serveSeededProducts } from './support/serve-seeded-products.ts';
import type { ToolResult } from './support/start-products-service.ts';
import { testBackends } from './support/test-databases.ts';

const backends = await testBackends();
const cards = (result: ToolResult) => (result.structuredContent as { results: ProductCard[] }).results;

/** Shop words, synonyms and typos, and where the first results must come from. */
const UNDERSTOOD: [query: string, expected: RegExp][] = [
  ['trainers', /trail-running-shoes/],
  ['sneakers', /trail-running-shoes/],
  ['wellies', /kids-rain-boots/],
  ['head torch', /headlamps/],
  ['raincoat', /rain-jackets/],
  ['rain jacket', /rain-jackets/],
  ['hiking pants', /hiking-trousers/],
  ['thermal underwear', /base-layer/],
  ['rucksack', /backpacks/],
  ['thermos', /bottles/],
  ['walking boots', /hiking-boots/],
  ['hikng boots', /hiking-boots/],
  ['rainjaket', /rain-jackets/],
  ['tnet', /tents/],
  ['sleping bag', /sleeping-bags/],
  ['merino sokcs', /socks/],
  ['fleese', /fleeces/],
];

describe.each(backends)('product search over HTTP on $name', (backend) => {
  const { products } = serveSeededProducts(backend);
  let oracle: CatalogueOracle;
  const where = (card: ProductCard) => {
    const product = oracle.product(card.id);
    return `${product.category}/${product.subcategory}`;
  };

  beforeAll(async () => {
    oracle = await loadCatalogueOracle();
  });

  it.skipIf(!backend.available)('understands shop synonyms and typos', async () => {
    for (const [query, expected] of UNDERSTOOD) {
      const result = await products.call('search_products', { query, limit: 5 });
      const found = cards(result).map(where);
      expect(found.length, query).toBeGreaterThan(0);
      for (const place of found.slice(0, 3)) expect(place, query).toMatch(expected);
    }
    const typo = await products.call('search_products', { query: 'hikng boots' });
    expect(typo.structuredContent).toMatchObject({ corrections: [{ from: 'hikng', to: 'hiking' }] });
    expect(typo.content[0]?.text).toMatch(/"hikng" read as "hiking"/);
  });

  it.skipIf(!backend.available)('puts the name first: the product named in the query leads', async () => {
    const result = await products.call('search_products', { query: 'stormline rain jacket' });
    expect(cards(result)[0]?.name).toMatch(/Stormline/);
  });

  it.skipIf(!backend.available)('applies every filter exactly, alone and combined, with or without words', async () => {
    const combos: { args: Record<string, unknown>; filters: OracleFilters }[] = [
      { args: { category: 'tents' }, filters: { category: 'tents' } },
      { args: { waterproof: false, category: 'fleeces' }, filters: { waterproof: false, category: 'fleeces' } },
      { args: { gender: 'women', category: 'hiking-boots' }, filters: { gender: 'women', category: 'hiking-boots' } },
      { args: { gender: 'kids' }, filters: { gender: 'kids' } },
      { args: { season: 'winter' }, filters: { season: 'winter' } },
      { args: { size: 'XL', colour: 'red' }, filters: { size: 'XL', colour: 'red' } },
      { args: { size: '42', in_stock: true }, filters: { size: '42', inStock: true } },
      { args: { colour: 'green' }, filters: { colour: 'green' } },
      { args: { min_price: 200 }, filters: { minPriceMinor: 20000 } },
      { args: { max_price: 30.5, category: 'accessories' }, filters: { maxPriceMinor: 3050, category: 'accessories' } },
      {
        args: { size: 'long', min_price: 100, max_price: 250 },
        filters: { size: 'long', minPriceMinor: 10000, maxPriceMinor: 25000 },
      },
      {
        args: { category: 'rain-jackets', size: 'M', in_stock: true, gender: 'men', max_price: 150 },
        filters: { category: 'rain-jackets', size: 'M', inStock: true, gender: 'men', maxPriceMinor: 15000 },
      },
    ];
    for (const { args, filters } of combos) {
      const expected = oracle.matching(filters);
      const label = JSON.stringify(args);
      expect(expected.length, label).toBeGreaterThan(0);
      // Without words the filters alone decide: exactly the products the catalogue says match.
      const all = await products.call('search_products', { query: '', ...args, limit: 20 });
      expect(all.structuredContent?.total_matches, label).toBe(expected.length);
      for (const card of cards(all)) expect(expected, `${label} ${card.id}`).toContain(card.id);
      // With words, fewer results, and still every one of them meets every filter.
      for (const query of ['jacket', 'waterproof boots', 'warm']) {
        const found = await products.call('search_products', { query, ...args, limit: 20 });
        for (const card of cards(found)) expect(expected, `${label} "${query}" ${card.id}`).toContain(card.id);
      }
    }
  });

  it.skipIf(!backend.available)('sorts by price and rating, and honours the limit', async () => {
    const cheapest = cards(
      await products.call('search_products', { query: 'rain jacket', sort: 'price_asc', limit: 10 }),
    );
    const prices = cheapest.map((card) => card.price.amount_minor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(cheapest.every((card) => /rain-jackets|kids/.test(card.category))).toBe(true);
    const dearest = cards(await products.call('search_products', { query: '', category: 'tents', sort: 'price_desc' }));
    const high = dearest.map((card) => card.price.amount_minor);
    expect(high).toEqual([...high].sort((a, b) => b - a));
    const best = cards(
      await products.call('search_products', { query: '', category: 'socks', sort: 'rating', limit: 20 }),
    );
    const ratings = best.map((card) => card.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    expect(best).toHaveLength(20);
    expect(cards(await products.call('search_products', { query: 'boots', limit: 3 }))).toHaveLength(3);
  });

  it.skipIf(!backend.available)('answers nonsense with no products, not with an error', async () => {
    const result = await products.call('search_products', { query: 'asdfgh qwerty' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ total_matches: 0, results: [] });
    expect(result.content[0]?.text).toMatch(/No products match/);
  });

  it.skipIf(!backend.available)('shows the picture in the colour asked for', async () => {
    const [card] = cards(await products.call('search_products', { query: 'stormline rain jacket', colour: 'red' }));
    expect(card?.picture_url).toMatch(/jacket-red\.svg/);
  });
});
