// The docs MCP server over stdio, for a desktop MCP client: `npm run stdio -w services/docs`.
import { createLogger, loadServiceSettings, serveMcpStdio, stdioIdentity } from '@shopchat/mcp-service';
import { createDocsService } from './create-docs-service.ts';
import { DOCS_PORT, loadDocsSettings } from './docs-settings.ts';
import { startDocsBackend } from './start-docs-backend.ts';

try {
  const settings = loadServiceSettings(process.env, { port: DOCS_PORT });
  const docs = loadDocsSettings(process.env);
  // stdout carries the protocol, so logs go to stderr.
  const log = createLogger({ service: 'docs', level: settings.logLevel, destination: 2 });
  const backend = await startDocsBackend(docs, log);
  const service = await createDocsService({
    index: backend.index,
    ingestion: backend.ingestion,
    helpCenterUrl: docs.helpCenterUrl,
    settings,
    logger: log,
    identify: stdioIdentity(process.env.MCP_STDIO_CUSTOMER),
    databaseReady: async () => true,
  });
  await serveMcpStdio(service);
  process.stdin.once('end', () => void backend.close().finally(() => process.exit(0)));
} catch (error) {
  console.error(`docs MCP server (stdio) failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
