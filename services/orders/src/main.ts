// The orders MCP server over HTTP: `npm start -w services/orders`.
import { ConfigError, createLogger, loadServiceSettings, runMcpService } from '@shopchat/mcp-service';
import { createOrdersService } from './create-orders-service.ts';
import { openOrdersDatabase } from './open-orders-database.ts';
import { loadOrdersSettings, ORDERS_PORT } from './orders-settings.ts';

try {
  const settings = loadServiceSettings(process.env, { port: ORDERS_PORT });
  const orders = loadOrdersSettings(process.env);
  const log = createLogger({ service: 'orders', level: settings.logLevel });
  const db = await openOrdersDatabase(orders, log);
  const service = await createOrdersService({ db, settings, logger: log });
  await runMcpService(service, { settings, onStopped: () => db.close() });
} catch (error) {
  // A bad setting or an unreachable database at startup: one clear line, no stack, exit non-zero.
  const reason = error instanceof ConfigError ? `invalid setting: ${error.message}` : describe(error);
  console.error(`orders MCP server failed to start: ${reason}`);
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
