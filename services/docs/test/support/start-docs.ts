import type { Client } from '@modelcontextprotocol/client';
import { createLogger, loadServiceSettings, type RunningService } from '@shopchat/mcp-service';
import { serveWithTestClient } from '@shopchat/mcp-service/testing';
import type { Database } from '@shopchat/postgres';
import { createDocsService } from '../../src/create-docs-service.ts';
import { type DocsSettings, loadDocsSettings } from '../../src/docs-settings.ts';
import { type DocsBackend, startDocsBackend } from '../../src/start-docs-backend.ts';

export const ADMIN_TOKEN = 'docs-admin-token-for-tests';

export interface RunningDocs {
  url: string;
  base: string;
  backend: DocsBackend;
  running: RunningService;
  client: Client;
  stop(): Promise<void>;
}

/** A real docs server (one replica) on an ephemeral port over `db`, with the production defaults. */
export async function startDocs(db: Database, overrides: Partial<DocsSettings> = {}): Promise<RunningDocs> {
  const level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const log = createLogger({ service: 'docs', level });
  const settings = { ...loadDocsSettings({}), indexRefreshMs: 100, adminToken: ADMIN_TOKEN, ...overrides };
  const backend = await startDocsBackend(settings, log, db);
  const service = await createDocsService({
    index: backend.index,
    ingestion: backend.ingestion,
    helpCenterUrl: settings.helpCenterUrl,
    ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
    settings: loadServiceSettings({ LOG_LEVEL: level }, { port: 0 }),
    logger: log,
    databaseReady: async () => (await db.query('SELECT 1')).length === 1,
  });
  const served = await serveWithTestClient(service, {
    name: 'docs',
    shutdownGraceMs: 500,
    closeAlso: () => backend.close(),
  });
  return { ...served, base: served.url.replace(/\/mcp$/, ''), backend };
}

/** Polls until `check` passes or `timeoutMs` runs out; returns how long it took. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
