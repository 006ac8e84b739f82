import { randomBytes } from 'node:crypto';
import type { TraceContext } from '@shopchat/mcp-service';
import { createTestIdentity } from '@shopchat/mcp-service/testing';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { type Database, openDatabase } from '@shopchat/postgres';
import pino from 'pino';
import { mintDemoCustomerTokens } from '../../../src/identity/demo-customer-tokens.ts';
import { type RunningHost, startHost } from '../../../src/start-host.ts';
import { type FixtureServer, startFixtureServer } from '../../catalogue/support/start-fixture-server.ts';
import { trackShipmentTool } from './track-shipment-tool.ts';

/**
 * The whole path of a turn in this one process: the real host (`startHost`), model-sim over HTTP, and a
 * kit-built `orders` MCP server whose `track_shipment` reads embedded PostgreSQL (PGlite) through
 * `@shopchat/postgres`. One process, so one tracer provider sees every span of the trace.
 */
export interface SmallProduct {
  host: RunningHost;
  aliceToken: string;
  stop(): Promise<void>;
}

/** `onToolCall` sees the trace context each `track_shipment` call's handler gets. */
export async function startSmallProduct(onToolCall?: (trace: TraceContext) => void): Promise<SmallProduct> {
  const identity = await createTestIdentity();
  const db: Database = await openDatabase();
  await db.query('CREATE TABLE shipments (order_number text PRIMARY KEY, customer_id text NOT NULL, carrier text)');
  await db.query("INSERT INTO shipments VALUES ('A-1042', 'cust_alice', 'DHL')");
  const orders: FixtureServer = await startFixtureServer({
    name: 'orders',
    tools: [trackShipmentTool(db, onToolCall)],
    identityPublicKey: identity.publicKey,
  });
  const sim: RunningModelSim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
  const customerSecret = randomBytes(32).toString('hex');
  const host = await startHost({
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    MCP_SERVERS: `orders=${orders.url}`,
    MCP_IDENTITY_PRIVATE_KEY: identity.privateKey,
    CUSTOMER_JWT_SECRET: customerSecret,
    ANTHROPIC_BASE_URL: sim.url,
  });
  await host.catalogue.ready(AbortSignal.timeout(30_000));
  const { cust_alice } = await mintDemoCustomerTokens(customerSecret);
  return {
    host,
    aliceToken: cust_alice,
    async stop() {
      await host.stop();
      await orders.stop();
      await sim.stop();
      await db.close();
    },
  };
}
