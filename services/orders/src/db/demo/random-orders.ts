import type { OrderStatus } from '../../orders/order-status.ts';
import { buildDemoOrder, type DemoOrderSpec, shiftTime } from './build-demo-order.ts';
import type { Prng } from './create-prng.ts';
import { type CatalogueCode, type CatalogueProduct, catalogueLine, DEMO_CATALOGUE } from './demo-catalogue.ts';
import type { DemoCustomer, DemoOrder, DemoReturn } from './demo-data-types.ts';

/** Enough orders that listing, filtering and paging have something real to work on. */
export const RANDOM_ORDER_COUNT = 160;
/** Generated orders are numbered from here up, clear of the featured A-10xx orders. */
const FIRST_NUMBER = 2001;

/** How often each state turns up: mostly delivered, as in a real shop's history. */
const STATUS_WEIGHTS: readonly [OrderStatus, number][] = [
  ['placed', 6],
  ['paid', 8],
  ['packed', 7],
  ['shipped', 12],
  ['delivered', 45],
  ['cancelled', 10],
  ['returned', 12],
];
const PAYMENT_METHODS = ['card', 'card', 'card', 'paypal', 'paypal', 'klarna', 'bank_transfer'] as const;
const RETURN_REASONS: readonly DemoReturn['reason'][] = ['too_small', 'too_large', 'changed_mind', 'not_as_described'];

/**
 * The other customers' order history over the past year: 1–4 lines each, every state represented,
 * numbered in the order they were placed.
 */
export function buildRandomOrders(rng: Prng, now: Date, customers: readonly DemoCustomer[]): DemoOrder[] {
  const drafts = Array.from({ length: RANDOM_ORDER_COUNT }, () => draftOrder(rng, now, rng.pick(customers)));
  drafts.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  let number = FIRST_NUMBER;
  return drafts.map((draft) => {
    number += rng.int(1, 12);
    return buildDemoOrder(rng, { ...draft, orderNumber: `A-${number}` }, now);
  });
}

function draftOrder(rng: Prng, now: Date, customer: DemoCustomer): Omit<DemoOrderSpec, 'orderNumber'> {
  const status = weightedStatus(rng);
  const paymentMethod = rng.pick(PAYMENT_METHODS);
  const lines = pickLines(rng);
  const hours = (min: number, max: number) => rng.int(min * 60, max * 60) / 60;
  const ago = (minDays: number, maxDays: number) => shiftTime(now, 0, -hours(minDays * 24, maxDays * 24));
  const base = { customer, status, paymentMethod, lines };

  switch (status) {
    case 'placed': {
      const placedAt = ago(0.05, 2);
      return { ...base, placedAt };
    }
    case 'paid': {
      const placedAt = ago(0.2, 2);
      return { ...base, placedAt, paidAt: shiftTime(placedAt, 0, 0.1) };
    }
    case 'packed': {
      const placedAt = ago(1.5, 4);
      return { ...base, placedAt, paidAt: shiftTime(placedAt, 0, 0.1), packedAt: shiftTime(placedAt, 0, hours(8, 24)) };
    }
    case 'shipped': {
      const placedAt = ago(2.5, 7);
      const packedAt = shiftTime(placedAt, 0, hours(6, 20));
      return {
        ...base,
        placedAt,
        paidAt: shiftTime(placedAt, 0, 0.1),
        packedAt,
        shippedAt: shiftTime(packedAt, 0, hours(4, 24)),
      };
    }
    case 'delivered':
    case 'returned': {
      // At least a week ago: the parcel may take up to ~6 days from order to doorstep.
      const placedAt = ago(status === 'returned' ? 25 : 7, 360);
      const packedAt = shiftTime(placedAt, 0, hours(6, 20));
      const shippedAt = shiftTime(packedAt, 0, hours(4, 24));
      const deliveredAt = shiftTime(shippedAt, 0, hours(30, 96));
      const delivered = { ...base, placedAt, paidAt: shiftTime(placedAt, 0, 0.1), packedAt, shippedAt, deliveredAt };
      if (status === 'delivered') return delivered;
      return {
        ...delivered,
        returned: { createdAt: shiftTime(deliveredAt, 0, hours(24, 14 * 24)), reason: rng.pick(RETURN_REASONS) },
      };
    }
    case 'cancelled': {
      const placedAt = ago(1, 360);
      const wasPaid = rng.chance(0.6);
      return {
        ...base,
        placedAt,
        ...(wasPaid ? { paidAt: shiftTime(placedAt, 0, 0.1) } : {}),
        cancelledAt: shiftTime(placedAt, 0, hours(0.5, 20)),
      };
    }
  }
}

function weightedStatus(rng: Prng): OrderStatus {
  const total = STATUS_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'delivered';
}

/** 1–4 distinct products, in a size and colour each; socks sometimes by the pair of packs. */
function pickLines(rng: Prng) {
  const count = rng.pick([1, 1, 2, 2, 2, 3, 3, 4]);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, DEMO_CATALOGUE.length - 1));
  return [...chosen].map((index) => {
    const product: CatalogueProduct = DEMO_CATALOGUE[index] ?? DEMO_CATALOGUE[0];
    const size = product.sizes.length > 0 ? rng.pick<string>(product.sizes) : null;
    const quantity = product.code === 'SCK-HIK' ? rng.int(1, 3) : rng.chance(0.08) ? 2 : 1;
    return catalogueLine(product.code as CatalogueCode, size, rng.pick<string>(product.colours), quantity);
  });
}
