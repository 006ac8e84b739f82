// Product search quality and latency on the labelled queries, with the production search code over an
// embedded (PGlite) database seeded from the catalogue. `node services/products/bench/search-quality.ts`
// prints the figures and the weakest queries; `npm run bench` reports them beside the other benchmarks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@shopchat/postgres';
import type { QueryFilters, QueryFixture } from '../scripts/catalogue/queries.ts';
import { LiveCatalogue } from '../src/catalogue/live-catalogue.ts';
import { normalizeColour } from '../src/catalogue/normalize-colour.ts';
import { normalizeSize } from '../src/catalogue/normalize-size.ts';
import type { ProductFilters } from '../src/catalogue/product-filters.ts';
import { createProductRepository } from '../src/catalogue/product-repository.ts';
import { readCatalogueFile } from '../src/db/catalogue-file.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedCatalogue } from '../src/db/seed-catalogue.ts';
import { buildProductSearch } from '../src/search/build-product-search.ts';
import { ndcgAt } from './ndcg-at.ts';

const QUERIES_FILE = fileURLToPath(new URL('../test/fixtures/product-queries.json', import.meta.url));
/** nDCG is measured at 10: the first screen of results a customer or a model reads. */
const K = 10;
/** Each query is timed this many times (after one warm-up pass) so p95 rests on a few hundred samples. */
const TIMED_ROUNDS = 5;

export interface QueryQuality {
  query: string;
  ndcgAt10: number;
  top: string[];
}

function toFilters(labelled: QueryFilters = {}): ProductFilters {
  return {
    ...(labelled.category ? { category: labelled.category } : {}),
    ...(labelled.gender ? { gender: labelled.gender } : {}),
    ...(labelled.waterproof !== undefined ? { waterproof: labelled.waterproof } : {}),
    ...(labelled.size ? { size: normalizeSize(labelled.size) } : {}),
    ...(labelled.colour ? { colour: normalizeColour(labelled.colour) } : {}),
    ...(labelled.minPriceMinor !== undefined ? { minPriceMinor: labelled.minPriceMinor } : {}),
    ...(labelled.maxPriceMinor !== undefined ? { maxPriceMinor: labelled.maxPriceMinor } : {}),
    ...(labelled.inStock !== undefined ? { inStock: labelled.inStock } : {}),
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Mean nDCG@10 over test/fixtures/product-queries.json and the p95 latency (ms) of one search (ranking,
 * filters over the live catalogue and the result cards), on a freshly seeded embedded database.
 */
export async function measureProductSearchQuality(
  options: { perQuery?: (quality: QueryQuality) => void } = {},
): Promise<{ queries: number; ndcgAt10: number; p95Ms: number }> {
  const labelled = JSON.parse(await readFile(QUERIES_FILE, 'utf8')) as QueryFixture[];
  const db = await openDatabase();
  await migrate(db);
  await seedCatalogue(db, await readCatalogueFile());
  const catalogue = await LiveCatalogue.open({ db, log: { info: () => {}, warn: () => {} } });
  try {
    const { searchProducts } = await buildProductSearch(createProductRepository(db, catalogue));
    const run = (entry: QueryFixture) =>
      searchProducts({ query: entry.query, filters: toFilters(entry.filters), sort: 'relevance', limit: K });

    let total = 0;
    for (const entry of labelled) {
      const ranked = (await run(entry)).hits.map((hit) => hit.product.id);
      const quality = ndcgAt(K, ranked, entry.relevant);
      total += quality;
      options.perQuery?.({ query: entry.query, ndcgAt10: quality, top: ranked });
    }
    const timings: number[] = [];
    for (let round = 0; round < TIMED_ROUNDS; round++) {
      for (const entry of labelled) {
        const started = performance.now();
        await run(entry);
        timings.push(performance.now() - started);
      }
    }
    return { queries: labelled.length, ndcgAt10: total / labelled.length, p95Ms: percentile(timings, 95) };
  } finally {
    await catalogue.close();
    await db.close();
  }
}

if (import.meta.main) {
  const rows: QueryQuality[] = [];
  const result = await measureProductSearchQuality({ perQuery: (row) => rows.push(row) });
  for (const row of rows.sort((a, b) => a.ndcgAt10 - b.ndcgAt10).slice(0, Number(process.env.SHOW_WEAKEST ?? 10))) {
    console.log(`${row.ndcgAt10.toFixed(3)}  ${row.query}`);
  }
  console.log(
    `products search: ${result.queries} queries, nDCG@10 ${result.ndcgAt10.toFixed(3)}, p95 ${result.p95Ms.toFixed(2)} ms`,
  );
}
