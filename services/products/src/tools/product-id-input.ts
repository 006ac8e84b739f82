import { z } from 'zod';

/** A product id as search results give it (a lowercase slug), or the product SKU; any case. */
export const productIdInput = z
  .string()
  .min(3)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'A product id is letters, digits and dashes, as search_products returns it.')
  .describe(
    'The product\'s id from search_products (like "northwind-mens-stormline-rain-jacket"), or its SKU (like "NWD-RJ-7K2QD"). Never guess it: search first.',
  );
