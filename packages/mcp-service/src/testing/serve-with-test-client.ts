import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpService } from '../create-mcp-service.ts';
import { type RunningService, runMcpService } from '../run-mcp-service.ts';

/** A server's service running on a loopback ephemeral port, with an SDK client connected to it. */
export interface ServedWithClient {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  running: RunningService;
  client: Client;
  /** Closes the client, then the server, then whatever `closeAlso` names (the server's own resources). */
  stop(): Promise<void>;
}

/**
 * Runs a service built by a server's own factory (`createOrdersService`, …) the way its tests need it: on
 * 127.0.0.1 with an ephemeral port, no signal handlers, and a connected client named after the server.
 */
export async function serveWithTestClient(
  service: McpService,
  options: { name: string; shutdownGraceMs?: number; closeAlso?: () => Promise<void> },
): Promise<ServedWithClient> {
  const running = await runMcpService(service, {
    settings: { port: 0, host: '127.0.0.1', shutdownGraceMs: options.shutdownGraceMs ?? 1_000 },
    handleSignals: false,
  });
  const client = new Client({ name: `${options.name}-test`, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
  return {
    url: running.url,
    running,
    client,
    async stop() {
      await client.close();
      await running.stop();
      await options.closeAlso?.();
    },
  };
}
