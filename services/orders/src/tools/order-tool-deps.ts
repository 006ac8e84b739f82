import type { OrderRepository } from '../orders/order-repository.ts';

/**
 * What the orders server hands every tool factory in `src/tools/*.tool.ts`. A tool that needs nothing from
 * the server may default-export its definition instead of a factory.
 */
export interface OrderToolDeps {
  /** The customer's orders, always read and changed for one customer id (the caller's). */
  repo: OrderRepository;
  /** The clock cancellations, returns and return windows are judged by; tests pin it. */
  now: () => Date;
}
