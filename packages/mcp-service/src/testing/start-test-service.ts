import { createLogger } from '../create-logger.ts';
import { createMcpService, type McpService, type McpServiceOptions } from '../create-mcp-service.ts';
import { type RunningService, runMcpService } from '../run-mcp-service.ts';
import { SERVICE_DEFAULTS } from '../service-settings.ts';

export interface TestService {
  service: McpService;
  running: RunningService;
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a service on 127.0.0.1 with an ephemeral port and quiet logs; settings default as in production
 * (loopback hosts allowed, no service token) unless the test overrides them.
 */
export async function startTestService(
  options: Omit<McpServiceOptions, 'settings'> & { settings?: Partial<McpServiceOptions['settings']> },
): Promise<TestService> {
  const settings = {
    allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
    allowedOrigins: ['localhost', '127.0.0.1', '[::1]'],
    bodyLimitBytes: SERVICE_DEFAULTS.bodyLimitBytes,
    toolTimeoutMs: SERVICE_DEFAULTS.toolTimeoutMs,
    shutdownGraceMs: 2_000,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.settings,
  } satisfies McpServiceOptions['settings'];
  const service = await createMcpService({
    ...options,
    settings,
    logger: options.logger ?? createLogger({ service: options.name, level: settings.logLevel }),
  });
  const running = await runMcpService(service, {
    settings: {
      port: 0,
      host: '127.0.0.1',
      shutdownGraceMs: settings.shutdownGraceMs,
      ...(settings.serviceToken ? { serviceToken: settings.serviceToken } : {}),
    },
    handleSignals: false,
  });
  return { service, running, url: running.url, stop: () => running.stop() };
}
