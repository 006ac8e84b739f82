// The docs MCP server over HTTP: `npm start -w services/docs`.
import { ConfigError, createLogger, loadServiceSettings, runMcpService } from '@shopchat/mcp-service';
import { createDocsService } from './create-docs-service.ts';
import { DOCS_PORT, loadDocsSettings } from './docs-settings.ts';
import { startDocsBackend } from './start-docs-backend.ts';

try {
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
} catch (error) {
  const reason = error instanceof ConfigError ? `invalid setting: ${error.message}` : describe(error);
  console.error(`docs MCP server failed to start: ${reason}`);
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
