import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTelemetry } from '@shopchat/telemetry';
import type { McpService } from './create-mcp-service.ts';
import type { ServiceSettings } from './service-settings.ts';

export interface RunningService {
  /** The bound port (useful with PORT=0 in tests). */
  port: number;
  url: string;
  http: HttpServer;
  /** Graceful stop: refuse new work, let in-flight requests finish within the grace period, then close. */
  stop(): Promise<void>;
}

export interface RunOptions {
  settings: Pick<ServiceSettings, 'port' | 'host' | 'shutdownGraceMs' | 'serviceToken' | 'telemetry'>;
  /** Releases what the service holds (database pools), after the last request finished. */
  onStopped?: () => Promise<void>;
  /** Install SIGTERM/SIGINT handlers that stop gracefully and exit (default true; tests pass false). */
  handleSignals?: boolean;
}

/**
 * Starts tracing as `settings.telemetry` says, listens, says where, and stops gracefully on SIGTERM
 * (docs/architecture.md#processes-and-ports: every process does), exporting the last spans on the way out.
 */
export async function runMcpService(service: McpService, options: RunOptions): Promise<RunningService> {
  const { settings } = options;
  const telemetry = settings.telemetry
    ? startTelemetry(settings.telemetry, { serviceName: service.name, log: service.log })
    : undefined;
  const http = service.app.listen(settings.port, settings.host);
  // Keep-alive sockets longer than a typical load balancer's idle timeout, so it closes them first.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  http.requestTimeout = 120_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const display = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${display}:${port}/mcp`;
  service.log.info(
    {
      url,
      tools: service.catalogue.names,
      auth: settings.serviceToken ? 'service token' : 'none (loopback only)',
      tracing: telemetry?.enabled ? 'on' : 'off',
    },
    settings.serviceToken
      ? 'MCP server listening'
      : 'MCP server listening on loopback only: MCP_SERVICE_TOKEN is unset, so no other machine can reach it',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      service.markDraining();
      service.log.info(
        { graceMs: settings.shutdownGraceMs },
        'shutting down: no new connections, finishing in-flight requests',
      );
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const grace = setTimeout(() => http.closeAllConnections(), settings.shutdownGraceMs);
      grace.unref();
      await closed;
      clearTimeout(grace);
      await options.onStopped?.();
      await telemetry?.shutdown();
      service.log.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            service.log.error({ err: error }, 'error during shutdown');
            process.exit(1);
          },
        );
      });
    }
  }
  return { port, url, http, stop };
}
