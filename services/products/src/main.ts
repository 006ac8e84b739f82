// The products MCP server over HTTP: `npm start -w services/products`.
import { ConfigError, createLogger, loadServiceSettings, runMcpService } from '@shopchat/mcp-service';
import { createProductsService } from './create-products-service.ts';
import { openProductsDatabase } from './open-products-database.ts';
import { loadProductsSettings, PRODUCTS_PORT } from './products-settings.ts';

try {
  const settings = loadServiceSettings(process.env, { port: PRODUCTS_PORT });
  const products = loadProductsSettings(process.env);
  const log = createLogger({ service: 'products', level: settings.logLevel });
  const db = await openProductsDatabase(products, log);
  const service = await createProductsService({ db, settings, links: products, logger: log });
  await runMcpService(service, { settings, onStopped: () => db.close() });
} catch (error) {
  // A bad setting or an unreachable database at startup: one clear line, no stack, exit non-zero.
  const reason = error instanceof ConfigError ? `invalid setting: ${error.message}` : describe(error);
  console.error(`products MCP server failed to start: ${reason}`);
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
