// The products MCP server over HTTP: `npm start -w services/products`.
import { createLogger, loadServiceSettings, runMain, runMcpService } from '@shopchat/mcp-service';
import { LiveCatalogue } from './catalogue/live-catalogue.ts';
import { createProductsService } from './create-products-service.ts';
import { openProductsDatabase } from './open-products-database.ts';
import { loadProductsSettings, PRODUCTS_PORT } from './products-settings.ts';

await runMain('products MCP server', async () => {
  const settings = loadServiceSettings(process.env, { port: PRODUCTS_PORT });
  const products = loadProductsSettings(process.env);
  const log = createLogger({ service: 'products', level: settings.logLevel });
  const db = await openProductsDatabase(products, log);
  const catalogue = await LiveCatalogue.open({ db, log });
  const service = await createProductsService({ db, catalogue, settings, links: products, logger: log });
  await runMcpService(service, {
    settings,
    onStopped: async () => {
      await catalogue.close();
      await db.close();
    },
  });
});
