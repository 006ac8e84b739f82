import type { ServiceName } from './start-product.ts';

/**
 * One tool a developer adds to a server, as the whole change: the file's path in the repository and its
 * text. Each needs something different from its server: nothing (docs), the signed-in customer (orders),
 * the repository (products).
 */
export interface DroppedTool {
  server: ServiceName;
  /** The tool's wire name. */
  name: string;
  /** Repository-relative path of the new file. */
  path: string;
  source: string;
  /** What a customer asks that should reach this tool, and nothing else. */
  question: string;
  /** Sign the question in as this demo customer. */
  as?: 'cust_alice';
}

/** Docs: a definition that needs nothing from the server. */
const STORE_HOURS: DroppedTool = {
  server: 'docs',
  name: 'store_hours',
  path: 'services/docs/src/tools/store-hours.tool.ts',
  question: 'What are your store opening hours?',
  source: `import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';

const week = z.object({
  monday_to_friday: z.string().describe('HH:MM–HH:MM, Amsterdam time, or "closed".'),
  saturday: z.string(),
  sunday: z.string(),
});

export default defineTool({
  name: 'store_hours',
  title: 'Store and support opening hours',
  description:
    "Opening hours of Northwind Outfitters' Amsterdam store and of human customer support (email and phone), by day of the week, in Amsterdam time. Use it when a customer asks when the store or support is open.",
  input: z.strictObject({}),
  output: z.object({ title: z.string(), summary: z.string(), store: week, customer_support: week }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async () => {
    const summary =
      'Amsterdam store: Monday to Saturday 10:00–18:00, Sunday 12:00–17:00. Customer support: Monday to Friday 09:00–18:00 (Amsterdam time).';
    return toolResult(
      {
        title: 'Opening hours',
        summary,
        store: { monday_to_friday: '10:00–18:00', saturday: '10:00–18:00', sunday: '12:00–17:00' },
        customer_support: { monday_to_friday: '09:00–18:00', saturday: 'closed', sunday: 'closed' },
      },
      summary,
    );
  },
});
`,
};

/** Orders: a factory given the repository; the handler reads the customer the host vouched for. */
const LOYALTY_STATUS: DroppedTool = {
  server: 'orders',
  name: 'check_loyalty_status',
  path: 'services/orders/src/tools/check-loyalty-status.tool.ts',
  question: 'What is my loyalty status?',
  as: 'cust_alice',
  source: `import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import type { OrderToolDeps } from './order-tool-deps.ts';

export default function createCheckLoyaltyStatusTool({ repo }: OrderToolDeps) {
  return defineTool({
    name: 'check_loyalty_status',
    title: 'Check loyalty status',
    description:
      "The signed-in customer's loyalty tier (Bronze, Silver or Gold), from how many of their orders were delivered. Use it when the customer asks about their loyalty status, tier or membership level.",
    input: z.strictObject({}),
    output: z.object({ customer_id: z.string(), delivered_orders: z.number().int(), summary: z.string() }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    handler: async (_args, ctx) => {
      const customerId = ctx.caller.customerId;
      const page = await repo.listOrders(customerId, { status: 'delivered', limit: 20 });
      const delivered = page.kind === 'page' ? page.orders.length : 0;
      const tier = delivered >= 5 ? 'Gold' : delivered >= 2 ? 'Silver' : 'Bronze';
      const summary = \`Loyalty tier \${tier}: \${delivered} delivered orders.\`;
      return toolResult({ customer_id: customerId, delivered_orders: delivered, summary }, summary);
    },
  });
}
`,
};

/** Products: a factory given the repository, reading the live catalogue. */
const CATALOGUE_STATISTICS: DroppedTool = {
  server: 'products',
  name: 'show_catalogue_statistics',
  path: 'services/products/src/tools/show-catalogue-statistics.tool.ts',
  question: 'Show me the catalogue statistics.',
  source: `import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import type { ProductToolDeps } from './product-tool-deps.ts';

export default function createShowCatalogueStatisticsTool({ repo }: ProductToolDeps) {
  return defineTool({
    name: 'show_catalogue_statistics',
    title: 'Show catalogue statistics',
    description:
      'Statistics of the whole catalogue: how many products and categories the shop has, and how many products are in stock. Use it when the customer asks for catalogue statistics or how big the range is.',
    input: z.strictObject({}),
    output: z.object({ products: z.number().int(), in_stock: z.number().int(), categories: z.number().int(), summary: z.string() }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    handler: async () => {
      const categories = await repo.listCategories();
      const products = categories.reduce((sum, category) => sum + category.productCount, 0);
      const inStock = categories.reduce((sum, category) => sum + category.inStockCount, 0);
      const summary = \`\${products} products in \${categories.length} categories, \${inStock} in stock.\`;
      return toolResult({ products, in_stock: inStock, categories: categories.length, summary }, summary);
    },
  });
}
`,
};

/** The three proofs, one per server. */
export const DROPPED_TOOLS: readonly DroppedTool[] = [STORE_HOURS, LOYALTY_STATUS, CATALOGUE_STATISTICS];
