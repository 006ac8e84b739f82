import { Client, type FetchLike, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Logger } from 'pino';
import { createCompiledSchemaCache } from './compiled-schema-cache.ts';

/** Shared by every client of the process: a server's schemas are compiled once, not per client or refresh. */
const outputSchemas = createCompiledSchemaCache();

export interface CreateMcpClientOptions {
  url: URL;
  /** The transport's `fetch` (the call-scoped one, so deadlines close HTTP requests). */
  fetch: FetchLike;
  /** Sent as `Authorization: Bearer …` on every request. */
  serviceToken?: string | undefined;
  clientInfo: { name: string; version: string };
  /** Pages of `tools/list` the SDK follows before refusing the list as runaway. */
  maxToolListPages: number;
  log: Logger;
  /** The server sent `notifications/tools/list_changed`. */
  onToolListChanged: () => void;
}

/**
 * A fresh, unconnected SDK client and its Streamable HTTP transport for one server. Stateless servers
 * keep no session, so a client is cheap: the connection makes a new one for every (re)connection.
 *
 * It speaks the newest revision both sides know: `connect` asks the server with `server/discover` first
 * (2026-07-28: no handshake, the revision rides on every request), and a server that does not know the
 * probe gets the 2025 `initialize` handshake instead (2025-11-25, 2025-06-18, … as the server answers).
 */
export function createMcpClient(options: CreateMcpClientOptions): {
  client: Client;
  transport: StreamableHTTPClientTransport;
} {
  const client = new Client(options.clientInfo, {
    listMaxPages: options.maxToolListPages,
    versionNegotiation: { mode: 'auto' },
    jsonSchemaValidator: outputSchemas,
  });
  client.onerror = (error) => options.log.debug({ err: error }, 'MCP client transport error');
  // Our own servers are stateless and never send it; servers that do keep the catalogue current.
  client.setNotificationHandler('notifications/tools/list_changed', () => options.onToolListChanged());
  const transport = new StreamableHTTPClientTransport(options.url, {
    fetch: options.fetch,
    ...(options.serviceToken ? { requestInit: { headers: { authorization: `Bearer ${options.serviceToken}` } } } : {}),
  });
  return { client, transport };
}
