// The kit's settings checker by its own entry point: the same messages as every MCP server, without loading
// the MCP SDK into model-sim.
import { parseEnvironment } from '@shopchat/mcp-service/parse-environment';
import { z } from 'zod';
import { MODEL_SIM_DEFAULTS } from './create-model-sim-app.ts';
import { PROMPT_CACHE_DEFAULTS } from './prompt-cache.ts';

/** The port docs/architecture.md#processes-and-ports gives model-sim. */
export const MODEL_SIM_PORT = 3200;

const SETTINGS_DEFAULTS = {
  host: '127.0.0.1',
  /** Longer than a realistic streamed answer (a few hundred tokens at 50 tokens/s), so streams finish. */
  shutdownGraceMs: 15_000,
  logLevel: 'info',
} as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  HOST: z.string().min(1).optional(),
  MODEL_SIM_TTFT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  MODEL_SIM_TOKENS_PER_S: z.coerce.number().min(0).max(1_000_000).optional(),
  MODEL_SIM_API_KEY: z.string().min(1).optional(),
  MODEL_SIM_OVERLOAD_EVERY: z.coerce.number().int().min(0).optional(),
  MODEL_SIM_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .optional(),
  MODEL_SIM_CACHE_MIN_TOKENS: z.coerce.number().int().min(0).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/** Everything model-sim reads from its environment, validated. */
export interface ModelSimSettings {
  port: number;
  host: string;
  ttftMs: number;
  tokensPerSecond: number;
  apiKey?: string;
  overloadEvery: number;
  bodyLimitBytes: number;
  cacheMinTokens: number;
  shutdownGraceMs: number;
  logLevel: string;
}

/**
 * Reads and checks the settings; a problem throws the kit's `ConfigError` naming the variable, so a bad
 * value stops model-sim at startup with a readable message.
 */
export function loadModelSimSettings(env: NodeJS.ProcessEnv): ModelSimSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    port: e.PORT ?? MODEL_SIM_PORT,
    host: e.HOST ?? SETTINGS_DEFAULTS.host,
    ttftMs: e.MODEL_SIM_TTFT_MS ?? MODEL_SIM_DEFAULTS.ttftMs,
    tokensPerSecond: e.MODEL_SIM_TOKENS_PER_S ?? MODEL_SIM_DEFAULTS.tokensPerSecond,
    ...(e.MODEL_SIM_API_KEY ? { apiKey: e.MODEL_SIM_API_KEY } : {}),
    overloadEvery: e.MODEL_SIM_OVERLOAD_EVERY ?? MODEL_SIM_DEFAULTS.overloadEvery,
    bodyLimitBytes: e.MODEL_SIM_BODY_LIMIT_BYTES ?? MODEL_SIM_DEFAULTS.bodyLimitBytes,
    cacheMinTokens: e.MODEL_SIM_CACHE_MIN_TOKENS ?? PROMPT_CACHE_DEFAULTS.minCacheableTokens,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? SETTINGS_DEFAULTS.shutdownGraceMs,
    logLevel: e.LOG_LEVEL ?? SETTINGS_DEFAULTS.logLevel,
  };
}
