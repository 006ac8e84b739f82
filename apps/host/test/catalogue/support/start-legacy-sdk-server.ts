import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import type { FixtureServer } from './start-fixture-server.ts';

/**
 * An MCP server that speaks only the 2025 revisions: the v1 SDK (`@modelcontextprotocol/sdk` 1.x),
 * stateless Streamable HTTP, with one `echo` tool. What a third-party server the host connects to may be.
 */
export async function startLegacySdkServer(): Promise<FixtureServer> {
  const http = createServer(async (req, res) => {
    const server = new McpServer({ name: 'legacy', version: '1.0.0' });
    server.registerTool(
      'echo',
      { description: 'Repeats the given text.', inputSchema: { text: z.string() } },
      async ({ text }) => ({ content: [{ type: 'text', text }] }),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => void server.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    stop: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
