import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import type { ProductToolDeps } from './product-tool-deps.ts';

const output = z.object({
  categories: z.array(
    z.object({
      id: z.string().describe('Pass as category to search_products.'),
      label: z.string(),
      product_count: z.number().int(),
      in_stock_count: z.number().int().describe('Products with at least one size/colour in stock.'),
    }),
  ),
});

/** `list_categories`: what the shop sells, by department. */
export default function createListCategoriesTool({ repo }: ProductToolDeps) {
  return defineTool({
    name: 'list_categories',
    title: 'List product categories',
    description:
      'List the shop\'s product categories (hiking boots, rain jackets, tents, kids…) with how many products each has. Use it when the customer asks what the shop sells or browses without a product in mind ("what do you have for camping?"), or to find the category id for search_products.',
    input: z.strictObject({}),
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    async handler() {
      const categories = (await repo.listCategories()).map((category) => ({
        id: category.id,
        label: category.label,
        product_count: category.productCount,
        in_stock_count: category.inStockCount,
      }));
      const listed = categories.map((c) => `${c.label} (${c.product_count}, id ${c.id})`).join('; ');
      return toolResult({ categories }, `${categories.length} categories: ${listed}.`);
    },
  });
}
