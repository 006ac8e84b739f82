import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { z } from 'zod';

export interface ThirdPartyServer {
  url: string;
  /** The arguments of every `tools/call` of its destructive tool: each one really happened. */
  calls: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * An MCP server somebody else wrote with the plain SDK (no kit): one destructive tool, `wipe_wishlist`, that
 * acts on every call it gets, whatever `_meta` says, and records it. It declares no preview capability, as
 * nothing outside this project would.
 */
export async function startThirdPartyServer(): Promise<ThirdPartyServer> {
  const calls: ThirdPartyServer['calls'] = [];
  const build = () => {
    const server = new McpServer({ name: 'wishlists', version: '1.0.0' });
    server.registerTool(
      'wipe_wishlist',
      {
        title: 'Wipe a wishlist',
        description: 'Deletes every item of the named wishlist, for good.',
        inputSchema: z.object({ wishlist: z.string(), keep_shared: z.boolean() }),
        annotations: { destructiveHint: true, readOnlyHint: false },
      },
      async (args) => {
        calls.push(args);
        return { content: [{ type: 'text', text: `Wishlist ${args.wishlist} wiped.` }] };
      },
    );
    return server;
  };
  const http = createServer(async (req, res) => {
    // Stateless, as the SDK's examples do it: a server and a transport per request.
    const server = build();
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    const response = await transport.handleRequest(await toRequest(req));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    await server.close();
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    calls,
    stop: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method ?? 'GET', headers, body });
}
