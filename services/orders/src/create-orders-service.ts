import { createMcpService, loadToolFolder, type McpService, type McpServiceOptions } from '@shopchat/mcp-service';
import type { Database } from '@shopchat/postgres';
import { createOrderRepository } from './orders/order-repository.ts';
import type { OrderToolDeps } from './tools/order-tool-deps.ts';

/** Server name: clients see it, and identity tokens for this server carry it as their audience. */
export const ORDERS_SERVICE_NAME = 'orders';

/** Where the tools live: every `*.tool.ts` file there is served, in file-name order (README, "Add a tool"). */
export const ORDER_TOOLS_FOLDER = new URL('./tools/', import.meta.url);
const RECIPE = 'services/orders/README.md, "Add a tool"';

/** An anonymous visitor asked about orders: the model must not fill the gap with invented order details. */
const SIGN_IN_MESSAGE =
  'Please sign in first: this needs a signed-in customer, and the visitor is not signed in. Do not reveal or guess any order details.';

const INSTRUCTIONS =
  "Orders of the signed-in customer only: list them, show one, track its parcel, cancel it, or start a return. Every tool needs the customer to be signed in. Order numbers look like A-1042. Never guess an order number: ask the customer or use list_my_orders. cancel_order and start_return change the order: the customer must have confirmed exactly that action first. An order that is not found may belong to someone else: say only that no such order was found on the customer's account.";

export interface OrdersServiceOptions {
  db: Database;
  settings: McpServiceOptions['settings'];
  logger?: McpServiceOptions['logger'];
  identify?: McpServiceOptions['identify'];
  /** The clock for cancellations and return windows; tests pin it. */
  now?: () => Date;
}

/** The orders MCP server: the kit, the tools of `src/tools/*.tool.ts` and a readiness check on the database. */
export async function createOrdersService(options: OrdersServiceOptions): Promise<McpService> {
  const deps: OrderToolDeps = { repo: createOrderRepository(options.db), now: options.now ?? (() => new Date()) };
  return createMcpService({
    name: ORDERS_SERVICE_NAME,
    title: 'Northwind Outfitters orders',
    version: '0.1.0',
    instructions: INSTRUCTIONS,
    tools: await loadToolFolder(ORDER_TOOLS_FOLDER, deps, { recipe: RECIPE }),
    signInMessage: SIGN_IN_MESSAGE,
    settings: options.settings,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.identify ? { identify: options.identify } : {}),
    readiness: async () => {
      try {
        await options.db.query('SELECT 1');
        return { ok: true };
      } catch {
        return { ok: false, reason: 'database unreachable' };
      }
    },
  });
}
