import type { Client } from '@modelcontextprotocol/client';
import { createLogger, loadServiceSettings, PREVIEW_META_KEY, type RunningService } from '@shopchat/mcp-service';
import { serveWithTestClient } from '@shopchat/mcp-service/testing';
import type { Database } from '@shopchat/postgres';
import { LiveCatalogue } from '../../src/catalogue/live-catalogue.ts';
import { createProductsService } from '../../src/create-products-service.ts';

/** Where the test server says its pictures and pages are (pictures are fetched from the real origin). */
export const TEST_LINKS = { publicUrl: 'https://img.test/products', shopBaseUrl: 'https://shop.test' } as const;

export interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface RunningProducts {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  running: RunningService;
  client: Client;
  /** Calls a tool anonymously, as the host does for a visitor who has not signed in; `preview` asks for its preview. */
  call(name: string, args: unknown, options?: { preview?: boolean }): Promise<ToolResult>;
  stop(): Promise<void>;
}

/** The real products server on an ephemeral loopback port over a test database, with an SDK client. */
export async function startProductsService(db: Database): Promise<RunningProducts> {
  const level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const logger = createLogger({ service: 'products', level });
  const catalogue = await LiveCatalogue.open({ db, log: logger });
  const service = await createProductsService({
    db,
    catalogue,
    links: TEST_LINKS,
    logger,
    // The production defaults of a server without MCP_SERVICE_TOKEN.
    settings: loadServiceSettings({ LOG_LEVEL: level }, { port: 0 }),
  });
  const served = await serveWithTestClient(service, { name: 'products', closeAlso: () => catalogue.close() });
  const { client } = served;
  return {
    ...served,
    origin: new URL(served.url).origin,
    async call(name, args, options = {}) {
      return (await client.callTool({
        name,
        arguments: args as Record<string, unknown>,
        ...(options.preview ? { _meta: { [PREVIEW_META_KEY]: true } } : {}),
      })) as ToolResult;
    },
  };
}
