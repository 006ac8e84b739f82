import { fileURLToPath } from 'node:url';
import { CUSTOMER_TOKEN_META_KEY } from '@shopchat/mcp-service';
import { declareServerInteropChecks, runInspectorCli } from '@shopchat/mcp-service/testing';
import { EMBEDDED_TEST_BACKEND } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import { TOOL_RESULT_FIXTURES } from '../../../packages/model-sim/test/fixtures/tool-results.ts';
import { serveSeededOrders } from './support/serve-seeded-orders.ts';

/** model-sim's tests are fed this server's tools as the host hands them to a model: generated here, never copied. */
const MODEL_SIM_FIXTURE = fileURLToPath(
  new URL('../../../packages/model-sim/test/fixtures/shop-tools/orders.json', import.meta.url),
);

// Tools nobody here wrote, run as a developer would run them, against the real orders server.
describe('interop with the official conformance suite and MCP Inspector', () => {
  const { identity, orders } = serveSeededOrders(EMBEDDED_TEST_BACKEND);

  declareServerInteropChecks({
    target: orders,
    modelSimFixture: MODEL_SIM_FIXTURE,
    modelSimResults: TOOL_RESULT_FIXTURES,
    call: async () => ({
      name: 'track_shipment',
      arguments: { order_number: 'A-1042' },
      _meta: { [CUSTOMER_TOKEN_META_KEY]: await identity.signer.sign('cust_alice', 'orders') },
    }),
    expectResult: (result) => expect(result.structuredContent).toMatchObject({ order_number: 'A-1042' }),
  });

  it('lets MCP Inspector’s CLI list the tools and call one as a signed-in customer', async () => {
    const listed = (await runInspectorCli(orders.url, '--method', 'tools/list')) as { tools: { name: string }[] };
    // A minimum, not the list: a tool file added to src/tools is served with no edit here.
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['list_my_orders', 'get_order', 'track_shipment', 'cancel_order', 'start_return']),
    );

    const token = await identity.signer.sign('cust_alice', 'orders');
    const result = (await runInspectorCli(
      orders.url,
      '--method',
      'tools/call',
      '--tool-name',
      'track_shipment',
      '--tool-arg',
      'order_number=A-1042',
      '--tool-metadata',
      `${CUSTOMER_TOKEN_META_KEY}=${token}`,
    )) as { isError?: boolean; structuredContent?: { order_number?: string } };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.order_number).toBe('A-1042');
  }, 120_000);
});
