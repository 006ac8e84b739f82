import type { DemoOrderSpec } from './build-demo-order.ts';
import { buildDemoOrder, shiftTime } from './build-demo-order.ts';
import { createPrng, seedFromString } from './create-prng.ts';
import { DEMO_CARRIERS } from './demo-carriers.ts';
import { catalogueLine } from './demo-catalogue.ts';
import type { DemoCustomer, DemoOrder } from './demo-data-types.ts';

/**
 * The orders of the two demo customers, fixed so that every scenario in docs/scenarios.md works whenever the
 * demo runs: all dates are relative to `now`. Each has a comment saying which conversation it serves.
 */
export function buildFeaturedOrders(now: Date, alice: DemoCustomer, bob: DemoCustomer): DemoOrder[] {
  const ago = (days: number, hours = 0) => shiftTime(now, -days, -hours);
  // "What did I order last month?": two orders in the previous calendar month, whatever today is.
  const lastMonth = (day: number, hour: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, hour, 15));

  const specs: DemoOrderSpec[] = [
    // Warranty question ("my jacket from A-1007 leaks"): bought ~8 months ago, long past the return window.
    {
      orderNumber: 'A-1007',
      customer: alice,
      status: 'delivered',
      paymentMethod: 'card',
      lines: [catalogueLine('JKT-STM', 'M', 'Navy')],
      placedAt: ago(245),
      paidAt: ago(245, -0.1),
      packedAt: ago(244),
      shippedAt: ago(243),
      deliveredAt: ago(240),
      carrier: DEMO_CARRIERS.DHL,
    },
    // A completed return, so her history shows the `returned` state.
    {
      orderNumber: 'A-1019',
      customer: alice,
      status: 'returned',
      paymentMethod: 'paypal',
      lines: [catalogueLine('SHOE-TRR', 'EU 41', 'Blue')],
      placedAt: ago(120),
      paidAt: ago(120, -0.1),
      packedAt: ago(119),
      shippedAt: ago(118),
      deliveredAt: ago(116),
      returned: { createdAt: ago(110), reason: 'too_large' },
    },
    // Last month, delivered.
    {
      orderNumber: 'A-1026',
      customer: alice,
      status: 'delivered',
      paymentMethod: 'card',
      lines: [catalogueLine('FLC-POL', 'M', 'Grey'), catalogueLine('BSL-MRL', 'M', 'Charcoal')],
      placedAt: lastMonth(6, 10),
      paidAt: shiftTime(lastMonth(6, 10), 0, 0.1),
      packedAt: shiftTime(lastMonth(6, 10), 0, 20),
      shippedAt: shiftTime(lastMonth(6, 10), 1, 6),
      deliveredAt: shiftTime(lastMonth(6, 10), 4, 3),
    },
    // Last month, cancelled before payment went through.
    {
      orderNumber: 'A-1028',
      customer: alice,
      status: 'cancelled',
      paymentMethod: 'klarna',
      lines: [catalogueLine('BPK-TRK45', 'S/M', 'Blue')],
      placedAt: lastMonth(12, 18),
      cancelledAt: shiftTime(lastMonth(12, 18), 0, 2),
    },
    // "The boots from A-1031 are too small": delivered 10 days ago, so inside the 30-day return window.
    {
      orderNumber: 'A-1031',
      customer: alice,
      status: 'delivered',
      paymentMethod: 'card',
      lines: [catalogueLine('BOOT-TRB', 'EU 42', 'Brown'), catalogueLine('SCK-HIK', 'EU 39-42', 'Grey', 2)],
      placedAt: ago(15),
      paidAt: ago(15, -0.1),
      packedAt: ago(14, 2),
      shippedAt: ago(13),
      deliveredAt: ago(10),
      carrier: DEMO_CARRIERS.UPS,
    },
    // "Where is my order A-1042?": in transit with DHL, several scans, delivery expected in two days.
    {
      orderNumber: 'A-1042',
      customer: alice,
      status: 'shipped',
      paymentMethod: 'card',
      lines: [catalogueLine('TNT-CIR2', null, 'Green'), catalogueLine('BPK-DAY22', null, 'Mustard')],
      placedAt: ago(4),
      paidAt: ago(4, -0.1),
      packedAt: ago(3),
      shippedAt: ago(2, 4),
      carrier: DEMO_CARRIERS.DHL,
      estimatedDelivery: ago(-2),
    },
    // "Cancel my last order, I bought the wrong size": her newest order, paid and not yet packed.
    {
      orderNumber: 'A-1049',
      customer: alice,
      status: 'paid',
      paymentMethod: 'card',
      lines: [catalogueLine('JKT-RDG', 'S', 'Olive'), catalogueLine('BSL-MRT', 'S', 'Charcoal')],
      placedAt: ago(0, 3),
      paidAt: ago(0, 2.9),
    },

    // Bob: an order in most states, one he can cancel and one he can return; plus it is his orders that
    // prove he cannot see Alice's.
    // Delivered ~3 months ago: outside the return window.
    {
      orderNumber: 'A-1012',
      customer: bob,
      status: 'delivered',
      paymentMethod: 'card',
      lines: [catalogueLine('TNT-BC4', null, 'Orange')],
      placedAt: ago(100),
      paidAt: ago(100, -0.1),
      packedAt: ago(99),
      shippedAt: ago(98),
      deliveredAt: ago(95),
    },
    // Returned and refunded.
    {
      orderNumber: 'A-1015',
      customer: bob,
      status: 'returned',
      paymentMethod: 'card',
      lines: [catalogueLine('JKT-ALP', 'L', 'Teal')],
      placedAt: ago(80),
      paidAt: ago(80, -0.1),
      packedAt: ago(79),
      shippedAt: ago(78),
      deliveredAt: ago(76),
      returned: { createdAt: ago(72), reason: 'not_as_described' },
    },
    // Paid, then cancelled: refunded.
    {
      orderNumber: 'A-1021',
      customer: bob,
      status: 'cancelled',
      paymentMethod: 'paypal',
      lines: [catalogueLine('ACC-POLE', null, 'Black')],
      placedAt: ago(60),
      paidAt: ago(60, -0.1),
      cancelledAt: ago(59),
    },
    // Delivered 5 days ago: returnable.
    {
      orderNumber: 'A-1036',
      customer: bob,
      status: 'delivered',
      paymentMethod: 'card',
      lines: [
        catalogueLine('BOOT-SUM', 'EU 44', 'Black'),
        catalogueLine('SCK-HIK', 'EU 43-46', 'Grey'),
        catalogueLine('ACC-LAMP', null, 'Black'),
      ],
      placedAt: ago(9),
      paidAt: ago(9, -0.1),
      packedAt: ago(8),
      shippedAt: ago(7),
      deliveredAt: ago(5),
    },
    // Packed: too late to cancel, not yet shipped.
    {
      orderNumber: 'A-1040',
      customer: bob,
      status: 'packed',
      paymentMethod: 'card',
      lines: [catalogueLine('TNT-CIR2', null, 'Green'), catalogueLine('SLP-M5', 'Long', 'Blue')],
      placedAt: ago(2),
      paidAt: ago(2, -0.1),
      packedAt: ago(0, 20),
    },
    // His newest: placed, payment pending (bank transfer), so cancelling charges nothing.
    {
      orderNumber: 'A-1045',
      customer: bob,
      status: 'placed',
      paymentMethod: 'bank_transfer',
      lines: [catalogueLine('FLC-POL', 'L', 'Red')],
      placedAt: ago(0, 1),
    },
  ];
  // Each order draws from its own stream, so editing one never changes another's tracking numbers.
  return specs.map((spec) => buildDemoOrder(createPrng(seedFromString(spec.orderNumber)), spec, now));
}
