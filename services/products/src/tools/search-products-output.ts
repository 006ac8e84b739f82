import { z } from 'zod';
import { productCardOutput } from './product-card.ts';

/** What search_products returns: the filters it applied and the product cards, best first. */
export const searchProductsOutput = z.object({
  searched_for: z.string().describe('The words searched, after spelling correction; "" for pure filtering.'),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })).describe('Words read as other words.'),
  filters: z
    .object({
      category: z.string().optional(),
      min_price: z.number().optional(),
      max_price: z.number().optional(),
      waterproof: z.boolean().optional(),
      gender: z.string().optional(),
      season: z.string().optional(),
      size: z.string().optional(),
      colour: z.string().optional(),
      in_stock: z.boolean().optional(),
    })
    .describe('Every filter applied, including a size or price bound read from the query. Prices in euros.'),
  total_matches: z.number().int().describe('Products matching the words and filters (results holds the first).'),
  results: z.array(productCardOutput).describe('Best first (or in the requested sort order).'),
});

export type SearchProductsOutput = z.input<typeof searchProductsOutput>;
