// The docs MCP server over HTTP: `npm start -w services/docs`.
import { createLogger, loadServiceSettings, runMain, runMcpService } from '@shopchat/mcp-service';
import { createDocsService } from './create-docs-service.ts';
import { DOCS_PORT, loadDocsSettings } from './docs-settings.ts';
import { startDocsBackend } from './start-docs-backend.ts';

await runMain('docs MCP server', async () => {
  const settings = loadServiceSettings(process.env, { port: DOCS_PORT });
  const docs = loadDocsSettings(process.env);
  const log = createLogger({ service: 'docs', level: settings.logLevel });
  const backend = await startDocsBackend(docs, log);
  const service = await createDocsService({
    index: backend.index,
    ingestion: backend.ingestion,
    helpCenterUrl: docs.helpCenterUrl,
    ...(docs.adminToken ? { adminToken: docs.adminToken } : {}),
    settings,
    logger: log,
    databaseReady: async () => (await backend.db.query('SELECT 1')).length === 1,
  });
  await runMcpService(service, { settings, onStopped: () => backend.close() });
});
