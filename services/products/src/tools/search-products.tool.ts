import { defineTool, lineIcon, type ToolOutcome, toolFailure, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { normalizeColour } from '../catalogue/normalize-colour.ts';
import { normalizeSize } from '../catalogue/normalize-size.ts';
import { PerSnapshotMemo } from '../catalogue/per-snapshot-memo.ts';
import { GENDERS, SEASONS } from '../catalogue/product.ts';
import type { ProductFilters } from '../catalogue/product-filters.ts';
import { SORT_ORDERS } from '../search/search-products.ts';
import { describeSearch } from './describe-search.ts';
import { productCard } from './product-card.ts';
import type { ProductToolDeps } from './product-tool-deps.ts';
import { type SearchProductsOutput, searchProductsOutput } from './search-products-output.ts';
import { colourInput, sizeInput } from './variant-request-input.ts';

/** Most products one call returns: a screen of cards, and a bounded share of the model's context. */
export const MAX_SEARCH_RESULTS = 20;
/**
 * Distinct searches (words, filters, order, limit) whose answers are remembered per catalogue snapshot:
 * a shop's searches repeat ("rain jacket"), and an answer is a pure function of the arguments and the
 * snapshot. 1,000 answers of a few KB each.
 */
export const SEARCH_ANSWERS_REMEMBERED = 1_000;
/** Highest price bound accepted, in euros: far above anything sold, low enough to stay exact in cents. */
const MAX_PRICE_EUR = 100_000;

const priceBound = (which: string) =>
  z
    .number()
    .min(0)
    .max(MAX_PRICE_EUR)
    .optional()
    .describe(`${which} price in euros (EUR, a number: 150 means €150.00). Applied exactly.`);

/** The category filter: the ids the catalogue had at startup, so the model sees every valid value. */
function categoryInput(categoryIds: readonly string[]) {
  const [first, ...rest] = categoryIds;
  const ids = first === undefined ? z.string().regex(/^[a-z0-9-]{1,64}$/) : z.enum([first, ...rest]);
  return ids.optional().describe('Only this category (list_categories names them).');
}

function createInput(categoryIds: readonly string[]) {
  return z.strictObject({
    query: z
      .string()
      .max(200)
      .regex(/^[^\p{Cc}]*$/u, 'The query must be plain text, without control characters.')
      .describe(
        'What the customer is looking for, in their words: "waterproof hiking boots", "rain jacket", "head torch", "trainers". Typos and shop synonyms are understood; a size or price in the words ("size 44", "under 150 euros") is applied as a filter too. Use "" to list products by filters alone.',
      ),
    category: categoryInput(categoryIds),
    min_price: priceBound('Lowest'),
    max_price: priceBound('Highest'),
    waterproof: z.boolean().optional().describe('true: only waterproof products; false: only non-waterproof ones.'),
    gender: z
      .enum(GENDERS)
      .optional()
      .describe('Who it is for: "men" or "women" (each includes unisex products), "kids", or "unisex" only.'),
    season: z
      .enum(SEASONS)
      .optional()
      .describe('Only products made for this season; all-season products match every season.'),
    size: sizeInput
      .optional()
      .describe(
        'Only products made in this size (EU shoe size "44", clothing "M" or "medium", "one-size", …). Each result says whether that size is in stock; add in_stock=true to keep only those.',
      ),
    colour: colourInput.optional().describe('Only products made in this colour ("red", "navy", "green").'),
    in_stock: z
      .boolean()
      .optional()
      .describe('true: only products in stock (in the requested size/colour, if given). Omit to include sold out.'),
    sort: z
      .enum(SORT_ORDERS)
      .default('relevance')
      .describe('relevance (default), price_asc (cheapest first), price_desc, or rating (best rated first).'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_RESULTS)
      .default(8)
      .describe(`How many products to return, 1 to ${MAX_SEARCH_RESULTS}; default 8.`),
  });
}

/** `search_products`: the catalogue by words and exact filters, as product cards with live availability. */
export default function createSearchProductsTool(options: ProductToolDeps) {
  const answers = new PerSnapshotMemo<ToolOutcome<SearchProductsOutput>>(SEARCH_ANSWERS_REMEMBERED);
  return defineTool({
    name: 'search_products',
    title: 'Search products',
    icons: [lineIcon('<circle cx="11" cy="11" r="7"/><path d="M21 21l-5-5"/>')],
    description:
      'Search the shop\'s catalogue (outdoor clothing, footwear and gear) and get product cards: name, brand, price (and sale price), picture, rating, live stock, and stock in the size/colour asked for. Use it whenever a customer asks what the shop has or whether something is in stock: "do you have waterproof hiking boots in size 44 under 150 euros?" (query "waterproof hiking boots", size "44", max_price 150, waterproof true), "is the rain jacket in medium in stock?" (query "rain jacket", size "M"), "cheapest head torch". Put the product words in query and the constraints in the filters: filters are applied exactly (every result meets all of them). Then use check_availability for one product\'s sizes, colours and alternatives, or get_product for full details. Anyone may use it, no sign-in needed.',
    input: createInput(options.categoryIds),
    output: searchProductsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    async handler(args) {
      if (args.min_price !== undefined && args.max_price !== undefined && args.min_price > args.max_price) {
        return toolFailure('invalid_price_range', 'min_price must not be higher than max_price.');
      }
      const filters: ProductFilters = {
        ...(args.category ? { category: args.category } : {}),
        ...(args.min_price !== undefined ? { minPriceMinor: Math.round(args.min_price * 100) } : {}),
        ...(args.max_price !== undefined ? { maxPriceMinor: Math.round(args.max_price * 100) } : {}),
        ...(args.waterproof !== undefined ? { waterproof: args.waterproof } : {}),
        ...(args.gender ? { gender: args.gender } : {}),
        ...(args.season ? { season: args.season } : {}),
        ...(args.size ? { size: normalizeSize(args.size) } : {}),
        ...(args.colour ? { colour: normalizeColour(args.colour) } : {}),
        ...(args.in_stock !== undefined ? { inStock: args.in_stock } : {}),
      };
      const { query, sort, limit } = args;
      // `filters` is built in one key order above, so equal searches give equal keys.
      const key = JSON.stringify([query, sort, limit, filters]);
      return answers.get(await options.repo.snapshot(), key, async () => {
        const found = await options.searchProducts({ query, filters, sort, limit });
        const applied = found.filters;
        const request = {
          ...(applied.size ? { size: applied.size } : {}),
          ...(applied.colour ? { colour: applied.colour } : {}),
          ...(applied.inStock ? { inStock: true } : {}),
        };
        const results = found.hits.map((hit) => productCard(hit.product, request, options.links));
        const structured = {
          searched_for: found.searchedText,
          corrections: found.corrections,
          filters: {
            ...(applied.category ? { category: applied.category } : {}),
            ...(applied.minPriceMinor !== undefined ? { min_price: applied.minPriceMinor / 100 } : {}),
            ...(applied.maxPriceMinor !== undefined ? { max_price: applied.maxPriceMinor / 100 } : {}),
            ...(applied.waterproof !== undefined ? { waterproof: applied.waterproof } : {}),
            ...(applied.gender ? { gender: applied.gender } : {}),
            ...(applied.season ? { season: applied.season } : {}),
            ...(applied.size ? { size: applied.size } : {}),
            ...(applied.colour ? { colour: applied.colour } : {}),
            ...(applied.inStock !== undefined ? { in_stock: applied.inStock } : {}),
          },
          total_matches: found.totalMatches,
          results,
        };
        return toolResult(structured, describeSearch(structured, applied));
      });
    },
  });
}
