import {
  type AnyToolDefinition,
  createLogger,
  createMcpService,
  runMcpService,
  SERVICE_DEFAULTS,
} from '@shopchat/mcp-service';

export interface FixtureServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface FixtureServerOptions {
  name: string;
  tools: readonly AnyToolDefinition[];
  /** Default 0 (ephemeral); pass a port to bring a server back where the host expects it. */
  port?: number;
  serviceToken?: string;
  identityPublicKey?: string;
}

/**
 * A real kit-built MCP server on 127.0.0.1 (the same code path as orders, products and docs), with the
 * tools a test needs. `startTestService` always takes an ephemeral port; restarts need a fixed one.
 */
export async function startFixtureServer(options: FixtureServerOptions): Promise<FixtureServer> {
  const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  const service = await createMcpService({
    name: options.name,
    version: '1.0.0',
    tools: options.tools,
    logger: createLogger({ service: options.name, level: logLevel }),
    settings: {
      allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
      allowedOrigins: [],
      bodyLimitBytes: SERVICE_DEFAULTS.bodyLimitBytes,
      toolTimeoutMs: SERVICE_DEFAULTS.toolTimeoutMs,
      shutdownGraceMs: 200,
      logLevel,
      ...(options.serviceToken ? { serviceToken: options.serviceToken } : {}),
      ...(options.identityPublicKey ? { identityPublicKey: options.identityPublicKey } : {}),
    },
  });
  const running = await runMcpService(service, {
    settings: {
      port: options.port ?? 0,
      host: '127.0.0.1',
      shutdownGraceMs: 200,
      ...(options.serviceToken ? { serviceToken: options.serviceToken } : {}),
    },
    handleSignals: false,
  });
  return { url: running.url, port: running.port, stop: () => running.stop() };
}
