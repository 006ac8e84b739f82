// The orders MCP server over stdio, for a desktop MCP client: `npm run stdio -w services/orders`.
// Calls act as MCP_STDIO_CUSTOMER (e.g. cust_alice), or anonymously when it is unset.
import { createLogger, loadServiceSettings, serveMcpStdio, stdioIdentity } from '@shopchat/mcp-service';
import { createOrdersService } from './create-orders-service.ts';
import { openOrdersDatabase } from './open-orders-database.ts';
import { loadOrdersSettings, ORDERS_PORT } from './orders-settings.ts';

try {
  const settings = loadServiceSettings(process.env, { port: ORDERS_PORT });
  // stdout carries the protocol, so logs go to stderr.
  const log = createLogger({ service: 'orders', level: settings.logLevel, destination: 2 });
  const db = await openOrdersDatabase(loadOrdersSettings(process.env), log);
  const service = await createOrdersService({
    db,
    settings,
    logger: log,
    identify: stdioIdentity(process.env.MCP_STDIO_CUSTOMER),
  });
  await serveMcpStdio(service);
  process.stdin.once('end', () => void db.close().finally(() => process.exit(0)));
} catch (error) {
  console.error(`orders MCP server (stdio) failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
