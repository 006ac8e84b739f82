import { ConfigError, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';
import { type AllowedHosts, defaultAllowedHosts, parseAllowedHosts } from './http/allowed-hosts.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';
import { CLAUDE_PROVIDERS, type ModelClientSettings } from './llm/create-model-client.ts';
import { LLM_RATE_LIMIT_DEFAULTS } from './llm/llm-rate-limit.ts';
import { loadTurnLimits, type TurnLimits } from './turn/turn-limits.ts';
import { TURN_WORKER_DEFAULTS } from './turn/turn-worker.ts';

/** Default port of the host API (docs/architecture.md#processes-and-ports). */
export const HOST_PORT = 3000;

/**
 * Default port of the API's `/metrics` (`METRICS_PORT`), apart from the public port so the internet cannot
 * read it: 9464 is Prometheus's registered port for exporters (OpenTelemetry's Prometheus exporter uses it).
 */
export const METRICS_PORT = 9464;

/** The model used when `ANTHROPIC_MODEL` is unset. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/**
 * The host's own settings, validated at startup. The catalogue (`MCP_*`) and the chat API (`CUSTOMER_*`,
 * `CORS_*`, `CHAT_*`) read theirs beside these.
 */
export interface HostSettings {
  port: number;
  host: string;
  /** Port of the API's `/metrics` (and probes), on `host`; the worker role serves its metrics on `port`. */
  metricsPort: number;
  /** express's `trust proxy` (`TRUST_PROXY`); unset: no proxy is trusted, `req.ip` is the socket's peer. */
  trustProxy?: TrustProxy;
  /**
   * The `Host` names the API answers (`ALLOWED_HOSTS`, else the loopback names when bound to loopback).
   * Undefined when bound elsewhere without the setting: the roles that serve browsers refuse to start.
   */
  allowedHosts?: AllowedHosts;
  logLevel: string;
  /** Who serves Claude and how to reach it (`CLAUDE_PROVIDER`, `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, …). */
  modelClient: ModelClientSettings;
  model: string;
  /** `ANTHROPIC_THINKING_BUDGET_TOKENS`: extended thinking with this budget; unset: off. */
  thinkingBudgetTokens?: number;
  /** Every limit of a turn (`MAX_TOOL_ROUNDS`, `CHAT_TURN_TIMEOUT_MS`, …; see `loadTurnLimits`). */
  turn: TurnLimits;
  shutdownGraceMs: number;
  redisUrl?: string;
  /** Namespace of the host's keys in Redis (BullMQ's under `${redisPrefix}:bull`). */
  redisPrefix: string;
  /**
   * `TURN_JOB_SECRET`: the API signs each turn job with it and the worker runs only jobs it verifies. Required
   * with `REDIS_URL` (the queue is in Redis); the two roles share it, nothing else holds it.
   */
  turnJobSecret?: string;
  /** Turns one worker runs at once. */
  workerConcurrency: number;
  /** Model calls per window across all workers (the provider's rate limit). */
  llmRateLimit: { requests: number; windowMs: number };
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A string setting read by `parse`, whose Error message becomes the setting's ConfigError. */
const parsedBy = <T>(parse: (value: string) => T) =>
  z.string().transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const EnvSchema = z.object({
  PORT: int(0, 65_535).optional(),
  HOST: z.string().min(1).optional(),
  METRICS_PORT: int(0, 65_535).optional(),
  TRUST_PROXY: parsedBy(parseTrustProxy).optional(),
  ALLOWED_HOSTS: parsedBy(parseAllowedHosts).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).optional(),
  ANTHROPIC_MAX_RETRIES: int(0, 10).optional(),
  ANTHROPIC_THINKING_BUDGET_TOKENS: int(1_024, 64_000).optional(),
  CLAUDE_PROVIDER: z.enum(CLAUDE_PROVIDERS).optional(),
  AWS_REGION: z.string().min(1).optional(),
  CLOUD_ML_REGION: z.string().min(1).optional(),
  ANTHROPIC_VERTEX_PROJECT_ID: z.string().min(1).optional(),
  SHUTDOWN_GRACE_MS: int(0, 600_000).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits, or : . - _')
    .optional(),
  TURN_JOB_SECRET: z.string().min(32, 'must be at least 32 characters (use a random secret)').optional(),
  WORKER_CONCURRENCY: int(1, 5_000).optional(),
  LLM_RATE_LIMIT_REQUESTS: int(1, 1_000_000).optional(),
  LLM_RATE_LIMIT_WINDOW_MS: int(1_000, 3_600_000)
    .refine((ms) => ms % 1_000 === 0, 'must be whole seconds (a multiple of 1000)')
    .optional(),
});

/**
 * Reads and checks the host settings; a bad one throws a {@link ConfigError} naming the variable. Without
 * `ANTHROPIC_API_KEY` the host talks to model-sim, which `ANTHROPIC_BASE_URL` must then name (unless
 * `callsModel` is false: the API role).
 */
export function loadHostSettings(env: NodeJS.ProcessEnv, options: { callsModel?: boolean } = {}): HostSettings {
  const e = parseEnvironment(EnvSchema, env);
  const host = e.HOST ?? '127.0.0.1';
  const provider = e.CLAUDE_PROVIDER ?? 'anthropic';
  // The API role never calls the model (the workers do): it needs neither a key nor model-sim's address.
  // Bedrock and Vertex sign with the cloud's own credentials instead of a key.
  const callsModel = options.callsModel ?? true;
  if (callsModel && provider === 'anthropic' && !e.ANTHROPIC_API_KEY && !e.ANTHROPIC_BASE_URL) {
    throw new ConfigError(
      'ANTHROPIC_BASE_URL',
      'is required without ANTHROPIC_API_KEY: point it at model-sim (http://127.0.0.1:3200), or set ANTHROPIC_API_KEY to use Claude',
    );
  }
  const allowedHosts = e.ALLOWED_HOSTS ?? defaultAllowedHosts(host);
  return {
    port: e.PORT ?? HOST_PORT,
    host,
    metricsPort: e.METRICS_PORT ?? METRICS_PORT,
    ...(e.TRUST_PROXY !== undefined ? { trustProxy: e.TRUST_PROXY } : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
    logLevel: e.LOG_LEVEL ?? 'info',
    modelClient: {
      provider,
      // The SDK insists on a key; model-sim accepts any unless configured to check one.
      apiKey: e.ANTHROPIC_API_KEY ?? 'model-sim',
      ...(e.ANTHROPIC_BASE_URL ? { baseUrl: e.ANTHROPIC_BASE_URL } : {}),
      maxRetries: e.ANTHROPIC_MAX_RETRIES ?? 4,
      ...(e.AWS_REGION ? { awsRegion: e.AWS_REGION } : {}),
      ...(e.CLOUD_ML_REGION ? { vertexRegion: e.CLOUD_ML_REGION } : {}),
      ...(e.ANTHROPIC_VERTEX_PROJECT_ID ? { vertexProjectId: e.ANTHROPIC_VERTEX_PROJECT_ID } : {}),
    },
    model: e.ANTHROPIC_MODEL ?? DEFAULT_MODEL,
    ...(e.ANTHROPIC_THINKING_BUDGET_TOKENS ? { thinkingBudgetTokens: e.ANTHROPIC_THINKING_BUDGET_TOKENS } : {}),
    turn: loadTurnLimits(env),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? 30_000,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_KEY_PREFIX ?? 'shopchat:host',
    ...(e.TURN_JOB_SECRET ? { turnJobSecret: e.TURN_JOB_SECRET } : {}),
    workerConcurrency: e.WORKER_CONCURRENCY ?? TURN_WORKER_DEFAULTS.concurrency,
    llmRateLimit: {
      requests: e.LLM_RATE_LIMIT_REQUESTS ?? LLM_RATE_LIMIT_DEFAULTS.requests,
      windowMs: e.LLM_RATE_LIMIT_WINDOW_MS ?? LLM_RATE_LIMIT_DEFAULTS.windowMs,
    },
  };
}
