import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ToolCatalogue, toolErrorCode } from '../../src/index.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { asksApprovalFor, offeredToolNames } from './support/offered-tools.ts';
import { freePort } from './support/wait-for.ts';

// The real orders server, as its own process: the host reaches services over MCP only, never by import.
const ORDERS_MAIN = fileURLToPath(new URL('../../../../services/orders/src/main.ts', import.meta.url));

let identity: TestIdentity;
let catalogue: ToolCatalogue;
let orders: ChildProcess | undefined;

beforeAll(async () => {
  identity = await createTestIdentity();
  const port = await freePort();
  catalogue = createTestCatalogue([{ name: 'orders', url: `http://127.0.0.1:${port}/mcp`, required: true }], {
    signer: identity.signer,
  });
  // The host starts first, as after a cluster-wide restart: the server is down, then comes up.
  await catalogue.start();
  expect(catalogue.isReady()).toBe(false);
  orders = spawn(process.execPath, [ORDERS_MAIN], {
    env: { ...process.env, PORT: String(port), MCP_IDENTITY_PUBLIC_KEY: identity.publicKey, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await catalogue.ready(AbortSignal.timeout(30_000));
}, 40_000);

afterAll(async () => {
  await catalogue?.close();
  if (orders && orders.exitCode === null && orders.signalCode === null) {
    orders.kill('SIGTERM');
    await once(orders, 'exit');
  }
});

describe('the catalogue against the real orders server', () => {
  it('gathers its tools with their hints once it is up', () => {
    const entries = catalogue.entries();

    expect(entries.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['list_my_orders', 'get_order', 'track_shipment', 'cancel_order', 'start_return']),
    );
    expect(catalogue.lookup('get_order')).toMatchObject({ server: 'orders', available: true });
    expect(asksApprovalFor(catalogue, 'get_order')).toBe(false);
    expect(asksApprovalFor(catalogue, 'cancel_order')).toBe(true);
  });

  it("answers the signed-in customer with their own orders, and anonymous visitors with 'sign in'", async () => {
    const alice = await catalogue.call('list_my_orders', {}, { customerId: 'cust_alice' });
    const anonymous = await catalogue.call('list_my_orders', {});

    expect(alice.isError).toBeFalsy();
    expect(JSON.stringify(alice.structuredContent)).toContain('A-1042');
    expect(toolErrorCode(anonymous)).toBe('sign_in_required');
  });

  it('marks its tools unavailable when the process dies', async () => {
    const child = orders as ChildProcess;
    child.kill('SIGKILL');
    await once(child, 'exit');

    await expect(
      catalogue.call('get_order', { order_number: 'A-1042' }, { customerId: 'cust_alice' }),
    ).rejects.toMatchObject({ code: 'server_unavailable' });
    expect(offeredToolNames(catalogue)).toEqual([]);
    expect(catalogue.isReady()).toBe(false);
  });
});
