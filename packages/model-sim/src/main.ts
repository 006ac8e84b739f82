// model-sim alone: `npm start -w packages/model-sim` (PORT, default 3200).
import { ConfigError } from '@shopchat/mcp-service/config-error';
import { createLogger } from './create-logger.ts';
import { loadModelSimSettings } from './model-sim-settings.ts';
import { startModelSim } from './start-model-sim.ts';

try {
  const settings = loadModelSimSettings(process.env);
  await startModelSim({
    port: settings.port,
    host: settings.host,
    ttftMs: settings.ttftMs,
    tokensPerSecond: settings.tokensPerSecond,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    overloadEvery: settings.overloadEvery,
    bodyLimitBytes: settings.bodyLimitBytes,
    promptCache: { minCacheableTokens: settings.cacheMinTokens },
    shutdownGraceMs: settings.shutdownGraceMs,
    logger: createLogger({ level: settings.logLevel }),
    handleSignals: true,
  });
} catch (error) {
  // A bad setting or a taken port: one clear line, no stack, exit non-zero.
  const reason = error instanceof ConfigError ? `invalid setting: ${error.message}` : describe(error);
  console.error(`model-sim failed to start: ${reason}`);
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
