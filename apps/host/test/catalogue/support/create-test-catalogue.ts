import { createLogger } from '@shopchat/mcp-service';
import { createToolCatalogue, type ToolCatalogue, type ToolCatalogueOptions } from '../../../src/index.ts';

export interface TestServerRef {
  name: string;
  url: string;
  required?: boolean;
}

/** Production code paths with test-sized timers: retries every 50-200 ms instead of 0.5-30 s. */
export const FAST_SETTINGS = {
  connectTimeoutMs: 2_000,
  listTimeoutMs: 2_000,
  callTimeoutMs: 5_000,
  retryInitialDelayMs: 50,
  retryMaxDelayMs: 200,
  refreshIntervalMs: 60_000,
};

/** A catalogue over `servers`; closed by the caller (keep it in a list closed in `afterEach`). */
export function createTestCatalogue(
  servers: readonly TestServerRef[],
  options: Partial<Omit<ToolCatalogueOptions, 'servers'>> = {},
): ToolCatalogue {
  return createToolCatalogue({
    logger: createLogger({ service: 'host-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
    settings: { ...FAST_SETTINGS, ...options.settings },
    servers: servers.map((server) => ({
      name: server.name,
      url: new URL(server.url),
      required: server.required ?? false,
    })),
  });
}
