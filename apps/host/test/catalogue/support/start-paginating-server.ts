import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, Server, type Tool } from '@modelcontextprotocol/server';

export interface PaginatingServer {
  url: string;
  /** `tools/list` requests served, with the cursor each one carried. */
  listRequests: (string | undefined)[];
  stop(): Promise<void>;
}

/**
 * A third-party-style MCP server written directly on the SDK's low-level `Server` (not our kit): it
 * pages `tools/list` (`pageSize` tools per page, the cursor is the next index) and announces
 * `notifications/tools/list_changed` on the response stream of a call to `add_tool`.
 */
export async function startPaginatingServer(options: {
  toolCount: number;
  pageSize: number;
}): Promise<PaginatingServer> {
  const tools: Tool[] = Array.from({ length: options.toolCount }, (_, index) => tool(`paged_${index}`));
  tools.push(tool('add_tool'));
  const listRequests: (string | undefined)[] = [];

  const handler = createMcpHandler(() => {
    const server = new Server(
      { name: 'paginating-fixture', version: '1.0.0' },
      { capabilities: { tools: { listChanged: true } } },
    );
    server.setRequestHandler('tools/list', async (request) => {
      const cursor = request.params?.cursor;
      listRequests.push(cursor);
      const start = cursor ? Number(cursor) : 0;
      const end = start + options.pageSize;
      return {
        tools: tools.slice(start, end),
        ...(end < tools.length ? { nextCursor: String(end) } : {}),
      };
    });
    server.setRequestHandler('tools/call', async (request, ctx) => {
      if (request.params.name === 'add_tool') {
        tools.push(tool(`added_${tools.length}`));
        await ctx.mcpReq.notify({ method: 'notifications/tools/list_changed' });
        return { content: [{ type: 'text', text: 'added' }] };
      }
      return { content: [{ type: 'text', text: `called ${request.params.name}` }] };
    });
    return server;
  });

  const http = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  async function serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
    const response = await handler.fetch(
      new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) for await (const chunk of response.body) res.write(chunk);
    res.end();
  }
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    listRequests,
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await handler.close();
    },
  };
}

function tool(name: string): Tool {
  return {
    name,
    description: `Fixture tool ${name}.`,
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  };
}
