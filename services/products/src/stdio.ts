// The products MCP server over stdio, for a desktop MCP client: `npm run stdio -w services/products`.
// Every tool is open to anonymous callers, so no customer is configured.
import { createLogger, loadServiceSettings, serveMcpStdio, stdioIdentity } from '@shopchat/mcp-service';
import { LiveCatalogue } from './catalogue/live-catalogue.ts';
import { createProductsService } from './create-products-service.ts';
import { openProductsDatabase } from './open-products-database.ts';
import { loadProductsSettings, PRODUCTS_PORT } from './products-settings.ts';

try {
  const settings = loadServiceSettings(process.env, { port: PRODUCTS_PORT });
  const products = loadProductsSettings(process.env);
  // stdout carries the protocol, so logs go to stderr.
  const log = createLogger({ service: 'products', level: settings.logLevel, destination: 2 });
  const db = await openProductsDatabase(products, log);
  const catalogue = await LiveCatalogue.open({ db, log });
  const service = await createProductsService({
    db,
    catalogue,
    settings,
    links: products,
    logger: log,
    identify: stdioIdentity(undefined),
  });
  await serveMcpStdio(service);
  process.stdin.once(
    'end',
    () =>
      void catalogue
        .close()
        .then(() => db.close())
        .finally(() => process.exit(0)),
  );
} catch (error) {
  console.error(
    `products MCP server (stdio) failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
