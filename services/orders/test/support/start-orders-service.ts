import type { Client } from '@modelcontextprotocol/client';
import {
  CUSTOMER_TOKEN_META_KEY,
  createLogger,
  loadServiceSettings,
  PREVIEW_META_KEY,
  type RunningService,
} from '@shopchat/mcp-service';
import { serveWithTestClient, type TestIdentity } from '@shopchat/mcp-service/testing';
import type { Database } from '@shopchat/postgres';
import { createOrdersService } from '../../src/create-orders-service.ts';

export interface RunningOrders {
  url: string;
  running: RunningService;
  /** An SDK client that calls tools as `customerId` (a fresh host-signed token per call), or anonymously. */
  client: Client;
  /** Calls a tool as `customerId` (or anonymously); `preview` asks for the tool's preview instead. */
  call(name: string, args: unknown, customerId?: string, options?: { preview?: boolean }): Promise<ToolResult>;
  stop(): Promise<void>;
}

export interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

/** The real orders server on an ephemeral loopback port, over a test database, trusting `identity`. */
export async function startOrdersService(
  db: Database,
  identity: TestIdentity,
  now?: () => Date,
): Promise<RunningOrders> {
  const level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const service = await createOrdersService({
    db,
    now,
    logger: createLogger({ service: 'orders', level }),
    // The production defaults of a server without MCP_SERVICE_TOKEN, plus the test's identity key.
    settings: { ...loadServiceSettings({ LOG_LEVEL: level }, { port: 0 }), identityPublicKey: identity.publicKey },
  });
  const served = await serveWithTestClient(service, { name: 'orders' });
  const { client } = served;
  return {
    ...served,
    async call(name, args, customerId, options = {}) {
      const _meta = {
        ...(customerId ? { [CUSTOMER_TOKEN_META_KEY]: await identity.signer.sign(customerId, 'orders') } : {}),
        ...(options.preview ? { [PREVIEW_META_KEY]: true } : {}),
      };
      return (await client.callTool({
        name,
        arguments: args as Record<string, unknown>,
        ...(Object.keys(_meta).length > 0 ? { _meta } : {}),
      })) as ToolResult;
    },
  };
}
