import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * The clients every server must serve, one per revision and SDK line:
 * - `2026-07-28`: the v2 client pinned to the per-request revision (`server/discover`, no `initialize`);
 * - `2025-11-25`: the v2 client's plain 2025 handshake;
 * - `sdk-v1`: the maintenance-line v1 client (`@modelcontextprotocol/sdk` 1.x) with its own transport.
 */
export const REVISION_CLIENTS = ['2026-07-28', '2025-11-25', 'sdk-v1'] as const;
export type RevisionClient = (typeof REVISION_CLIENTS)[number];

/** What the tests need from either SDK line's client. */
export interface ConnectedClient {
  /** The revision the connection speaks, as the client reports it. */
  protocolVersion: string | undefined;
  listTools(): Promise<{ tools: { name: string; icons?: unknown[] }[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown>; _meta?: Record<string, unknown> }): Promise<{
    isError?: boolean;
    structuredContent?: unknown;
    content?: unknown;
  }>;
  close(): Promise<void>;
}

/** Connects the named client to an MCP endpoint, sending `headers` (a service token) on every request. */
export async function connectRevisionClient(
  kind: RevisionClient,
  url: string,
  headers: Record<string, string> = {},
): Promise<ConnectedClient> {
  const info = { name: `interop-${kind}`, version: '1.0.0' };
  if (kind === 'sdk-v1') {
    const client = new V1Client(info);
    const transport = new V1StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
    await client.connect(transport);
    return {
      protocolVersion: transport.protocolVersion,
      listTools: () => client.listTools() as ReturnType<ConnectedClient['listTools']>,
      callTool: (params) => client.callTool(params) as ReturnType<ConnectedClient['callTool']>,
      close: () => client.close(),
    };
  }
  const client = new Client(info, {
    versionNegotiation: { mode: kind === '2026-07-28' ? { pin: '2026-07-28' } : 'legacy' },
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return {
    protocolVersion: client.getNegotiatedProtocolVersion(),
    listTools: () => client.listTools() as ReturnType<ConnectedClient['listTools']>,
    callTool: (params) => client.callTool(params) as ReturnType<ConnectedClient['callTool']>,
    close: () => client.close(),
  };
}

/** The revision each client of {@link REVISION_CLIENTS} ends up speaking with a server of the kit. */
export function expectedRevision(kind: RevisionClient): string {
  return kind === '2026-07-28' ? '2026-07-28' : '2025-11-25';
}

/**
 * Connects the named client, lists the tools and makes one call: what every server's interop test checks
 * for every client. The connection is closed before this resolves.
 */
export async function listAndCall(
  kind: RevisionClient,
  url: string,
  call: Parameters<ConnectedClient['callTool']>[0],
): Promise<{
  protocolVersion: string | undefined;
  tools: Awaited<ReturnType<ConnectedClient['listTools']>>['tools'];
  result: Awaited<ReturnType<ConnectedClient['callTool']>>;
}> {
  const client = await connectRevisionClient(kind, url);
  try {
    const { tools } = await client.listTools();
    return { protocolVersion: client.protocolVersion, tools, result: await client.callTool(call) };
  } finally {
    await client.close();
  }
}
