import {
  createLogger,
  createMcpService,
  lineIcon,
  loadToolFolder,
  type McpService,
  type McpServiceOptions,
} from '@shopchat/mcp-service';
import type { Database } from '@shopchat/postgres';
import { OrderReadCache } from './orders/order-read-cache.ts';
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
  /** Remember `get_order` reads while no order changes (default true; see OrderReadCache). */
  cacheOrderReads?: boolean;
}

/** The orders MCP server: the kit, the tools of `src/tools/*.tool.ts` and a readiness check on the database. */
export async function createOrdersService(options: OrdersServiceOptions): Promise<McpService> {
  const log = options.logger ?? createLogger({ service: ORDERS_SERVICE_NAME, level: options.settings.logLevel });
  const readCache = options.cacheOrderReads === false ? undefined : await OrderReadCache.open({ db: options.db, log });
  const repo = createOrderRepository(options.db, readCache ? { readCache } : {});
  const deps: OrderToolDeps = { repo, now: options.now ?? (() => new Date()) };
  return createMcpService({
    name: ORDERS_SERVICE_NAME,
    title: 'Northwind Outfitters orders',
    icons: [lineIcon('<path d="M21 8l-9-5-9 5v8l9 5 9-5z"/><path d="M3 8l9 5 9-5M12 13v8"/>')],
    version: '0.1.0',
    instructions: INSTRUCTIONS,
    tools: await loadToolFolder(ORDER_TOOLS_FOLDER, deps, { recipe: RECIPE }),
    signInMessage: SIGN_IN_MESSAGE,
    settings: options.settings,
    logger: log,
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
