import { PREVIEW_META_KEY } from '@shopchat/mcp-service';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningOrders, startOrdersService, type ToolResult } from './support/start-orders-service.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const backends = await testBackends();
const text = (result: ToolResult) => result.content.map((c) => c.text ?? '').join('\n');

/**
 * Attack: get the customer to confirm a card that says something else than what runs. The approval card of
 * `start_return` once looked SKUs up case-sensitively while the handler upper-cased them, so a lowercase SKU read
 * "(not in this order) … €0.00" and Confirm still started a real return; the reason and comment never showed.
 * Preview and handler now run on one canonical request: the card names what the return will hold.
 */
describe.each(backends)('the start_return card says what Confirm starts, on $name', (backend) => {
  let database: TestDatabase;
  let identity: TestIdentity;
  let orders: RunningOrders;

  beforeAll(async () => {
    database = await openSeededDatabase(backend, NOW);
    identity = await createTestIdentity();
    orders = await startOrdersService(database.db, identity, () => NOW);
  });
  afterAll(async () => {
    await orders?.stop();
    await database?.dispose();
  });

  it.skipIf(!backend.available)(
    'previews a lowercase SKU, split lines and the comment as the return runs them',
    async () => {
      const args = {
        order_number: 'a1031',
        items: [
          { sku: 'boot-trb-42-bro', quantity: 1 },
          { sku: 'BOOT-TRB-42-BRO', quantity: 1 },
        ],
        reason: 'too_small',
        comment: '  They pinch at the toes  ',
      };
      const preview = await orders.call('start_return', args, 'cust_alice', { preview: true });
      expect(preview._meta?.[PREVIEW_META_KEY]).toBe(true);
      const card = text(preview);
      expect(card).not.toMatch(/not in this order|€0\.00/);
      expect(card).toMatch(/^Return 2 × Trailblazer GTX Hiking Boots .*from order A-1031/);
      expect(card).toContain('(reason: too small, comment: "They pinch at the toes")');
      expect(card).toContain('€299.90');
    },
  );

  it.skipIf(!backend.available)('starts exactly the return its card described', async () => {
    const args = { order_number: 'A-1031', items: [{ sku: 'boot-trb-42-bro', quantity: 1 }], reason: 'defective' };
    const card = text(await orders.call('start_return', args, 'cust_alice', { preview: true }));
    expect(card).toMatch(
      /^Return 1 × Trailblazer GTX Hiking Boots .*from order A-1031 \(reason: defective\); about €149\.95/,
    );
    const run = await orders.call('start_return', args, 'cust_alice');
    expect(run.isError).toBeFalsy();
    expect(run.structuredContent).toMatchObject({
      items: [{ sku: 'BOOT-TRB-42-BRO', quantity: 1, refund: { formatted: '€149.95' } }],
    });
  });
});
