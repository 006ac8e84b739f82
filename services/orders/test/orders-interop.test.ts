import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CUSTOMER_TOKEN_META_KEY } from '@shopchat/mcp-service';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningOrders, startOrdersService } from './support/start-orders-service.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const pglite = (await testBackends()).find((backend) => backend.name === 'pglite');

/** The conformance scenarios that apply to a server without the suite's own fixture tools. */
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

// Tools nobody here wrote, run as a developer would run them, against the real orders server.
describe('interop with the official conformance suite and MCP Inspector', () => {
  let database: TestDatabase;
  let identity: TestIdentity;
  let orders: RunningOrders;

  beforeAll(async () => {
    if (!pglite) throw new Error('the embedded database backend is always available');
    database = await openSeededDatabase(pglite, new Date());
    identity = await createTestIdentity();
    orders = await startOrdersService(database.db, identity);
  });
  afterAll(async () => {
    await orders?.stop();
    await database?.dispose();
  });

  it.each(SCENARIOS)(
    'passes the conformance scenario %s',
    async (scenario) => {
      const { stdout } = await run(bin('conformance'), ['server', '--url', orders.url, '--scenario', scenario], {
        timeout: 60_000,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`conformance ${scenario} failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
    },
    90_000,
  );

  it('lets MCP Inspector’s CLI list the tools and call one as a signed-in customer', async () => {
    const listed = await run(bin('mcp-inspector'), ['--cli', orders.url, '--method', 'tools/list'], {
      timeout: 60_000,
    });
    const names = (JSON.parse(listed.stdout) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(names).toEqual(['list_my_orders', 'get_order', 'track_shipment', 'cancel_order', 'start_return']);

    const token = await identity.signer.sign('cust_alice', 'orders');
    const called = await run(
      bin('mcp-inspector'),
      [
        '--cli',
        orders.url,
        '--method',
        'tools/call',
        '--tool-name',
        'track_shipment',
        '--tool-arg',
        'order_number=A-1042',
        '--tool-metadata',
        `${CUSTOMER_TOKEN_META_KEY}=${token}`,
      ],
      { timeout: 60_000 },
    );
    const result = JSON.parse(called.stdout) as { isError?: boolean; structuredContent?: { order_number?: string } };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.order_number).toBe('A-1042');
  }, 120_000);
});
