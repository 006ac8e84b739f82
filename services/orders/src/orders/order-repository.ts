import { randomBytes } from 'node:crypto';
import type { Database } from '@shopchat/postgres';
import { type CancelOrderResult, cancelOrder } from './cancel-order.ts';
import { getOrder, type OrderDetail } from './get-order.ts';
import { getShipmentTracking, type ShipmentTracking } from './get-shipment-tracking.ts';
import { type ListOrdersOptions, type ListOrdersResult, listOrders } from './list-orders.ts';
import type { OrderReadCache } from './order-read-cache.ts';
import {
  type ReturnCodeGenerator,
  type ReturnItemRequest,
  type ReturnReasonInput,
  type StartReturnResult,
  startReturn,
} from './start-return.ts';

/**
 * A customer's orders, and the two things they may do to them. Every method takes the customer id and
 * filters by it in SQL, so someone else's order number is indistinguishable from one that does not
 * exist. Domain outcomes (not found, not cancellable, …) are returned as data; only infrastructure
 * faults throw.
 */
export interface OrderRepository {
  listOrders(customerId: string, options: ListOrdersOptions): Promise<ListOrdersResult>;
  getOrder(customerId: string, orderNumber: string): Promise<OrderDetail | null>;
  getShipmentTracking(customerId: string, orderNumber: string): Promise<ShipmentTracking | null>;
  cancelOrder(customerId: string, orderNumber: string, now: Date): Promise<CancelOrderResult>;
  startReturn(
    customerId: string,
    orderNumber: string,
    items: ReturnItemRequest[],
    reason: ReturnReasonInput,
    now: Date,
    /** The caller's idempotency key: a repeat answers the return started under it (see startReturn). */
    idempotencyKey?: string,
  ): Promise<StartReturnResult>;
}

export interface OrderRepositoryOptions {
  /** Mints return drop-off codes; defaults to `RET-` and 10 random hex digits. */
  newReturnCode?: ReturnCodeGenerator;
  /** Remembered `getOrder` reads, live within their bound; without it every read goes to the database. */
  readCache?: OrderReadCache;
}

/** The repository over a database handle (PostgreSQL or PGlite alike). */
export function createOrderRepository(db: Database, options: OrderRepositoryOptions = {}): OrderRepository {
  const newReturnCode = options.newReturnCode ?? (() => `RET-${randomBytes(5).toString('hex').toUpperCase()}`);
  const cache = options.readCache;
  // This replica's own changes are forgotten before the caller hears back (others hear the NOTIFY), so a
  // customer who cancels and then asks sees the cancellation even before the notification arrives.
  const thenForget = async <T>(change: Promise<T>) => {
    try {
      return await change;
    } finally {
      cache?.forget();
    }
  };
  return {
    listOrders: (customerId, listOptions) => listOrders(db, customerId, listOptions),
    getOrder: (customerId, orderNumber) =>
      cache ? cache.getOrder(customerId, orderNumber) : getOrder(db, customerId, orderNumber),
    getShipmentTracking: (customerId, orderNumber) => getShipmentTracking(db, customerId, orderNumber),
    cancelOrder: (customerId, orderNumber, now) => thenForget(cancelOrder(db, customerId, orderNumber, now)),
    startReturn: (customerId, orderNumber, items, reason, now, idempotencyKey) =>
      thenForget(startReturn(db, customerId, orderNumber, items, reason, now, newReturnCode, idempotencyKey)),
  };
}
