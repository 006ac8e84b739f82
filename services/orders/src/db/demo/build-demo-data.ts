import { createPrng } from './create-prng.ts';
import { buildDemoCustomers } from './demo-customers.ts';
import type { DemoData } from './demo-data-types.ts';
import { buildFeaturedOrders } from './featured-orders.ts';
import { buildRandomOrders } from './random-orders.ts';

/** Fixed seed of the generated history: change it and every generated order changes. */
const DEMO_SEED = 1042;

/**
 * The whole demo data set for a given moment. Pure and deterministic: the same `now` always gives the
 * same data, and every date is relative to `now`, so "last month" and return windows hold whenever the
 * demo runs.
 */
export function buildDemoData(now: Date): DemoData {
  const customers = buildDemoCustomers(now);
  const [alice, bob, ...others] = customers;
  if (!alice || !bob) throw new Error('demo customers are missing');
  const orders = [...buildFeaturedOrders(now, alice, bob), ...buildRandomOrders(createPrng(DEMO_SEED), now, others)];
  return { customers, orders };
}
