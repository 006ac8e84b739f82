// The orders MCP server over HTTP: `npm start -w services/orders`.
import { createLogger, loadServiceSettings, runMain, runMcpService } from '@shopchat/mcp-service';
import { createOrdersService } from './create-orders-service.ts';
import { openOrdersDatabase } from './open-orders-database.ts';
import { loadOrdersSettings, ORDERS_PORT } from './orders-settings.ts';

await runMain('orders MCP server', async () => {
  const settings = loadServiceSettings(process.env, { port: ORDERS_PORT });
  const orders = loadOrdersSettings(process.env);
  const log = createLogger({ service: 'orders', level: settings.logLevel });
  const db = await openOrdersDatabase(orders, log);
  const service = await createOrdersService({ db, settings, logger: log });
  await runMcpService(service, { settings, onStopped: () => db.close() });
});
