import { loadTelemetryConfig, type TelemetryConfig, TelemetryConfigError } from '@shopchat/telemetry';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { parseEnvironment } from './parse-environment.ts';

/** Defaults, with units. */
export const SERVICE_DEFAULTS = {
  /** Interface to bind without a service token: loopback only (docs/architecture.md#security). */
  host: '127.0.0.1',
  /** 256 KiB: a tool call is a few hundred bytes; anything near this is abuse. */
  bodyLimitBytes: 256 * 1024,
  /** A tool that has not answered in 10 s will not help a customer waiting in a chat. */
  toolTimeoutMs: 10_000,
  /** Longer than the tool timeout, so in-flight calls finish before the process exits. */
  shutdownGraceMs: 15_000,
  logLevel: 'info',
} as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Host names of loopback as they appear in `Host` and `Origin` headers. */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535),
  HOST: z.string().min(1).optional(),
  MCP_SERVICE_TOKEN: z.string().min(16, 'must be at least 16 characters (use a random secret)').optional(),
  MCP_IDENTITY_PUBLIC_KEY: z.string().min(1).optional(),
  MCP_IDENTITY_ISSUER: z.string().min(1).optional(),
  MCP_ALLOWED_HOSTS: list.optional(),
  MCP_ALLOWED_ORIGINS: list.optional(),
  MCP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .optional(),
  MCP_TOOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/** Everything an MCP service reads from its environment, validated. */
export interface ServiceSettings {
  port: number;
  host: string;
  /** Unset: no bearer check, and the service refuses to bind anything but loopback. */
  serviceToken?: string;
  identityPublicKey?: string;
  identityIssuer?: string;
  /** Host names accepted in `Host` on /mcp; `any` when a service token guards the endpoint instead. */
  allowedHosts: string[] | 'any';
  /** Browser origins accepted on /mcp (hostnames or `scheme://*`): loopback pages without a token, none with one. */
  allowedOrigins: string[];
  bodyLimitBytes: number;
  toolTimeoutMs: number;
  shutdownGraceMs: number;
  logLevel: string;
  /** Tracing, from the standard `OTEL_*` variables; unset or disabled: no spans are exported. */
  telemetry?: TelemetryConfig;
}

/**
 * Reads and checks the settings; any problem throws a {@link ConfigError} naming the variable, so a bad
 * deployment fails at startup with a readable message rather than at the first request.
 */
export function loadServiceSettings(env: NodeJS.ProcessEnv, defaults: { port: number }): ServiceSettings {
  const e = parseEnvironment(EnvSchema, { PORT: String(defaults.port), ...env });
  const host = e.HOST ?? SERVICE_DEFAULTS.host;
  if (!e.MCP_SERVICE_TOKEN && !LOOPBACK.has(host)) {
    throw new ConfigError(
      'MCP_SERVICE_TOKEN',
      `is required to listen on ${host}: without it an MCP server binds to loopback only. Set MCP_SERVICE_TOKEN or HOST=127.0.0.1.`,
    );
  }
  return {
    port: e.PORT,
    host,
    ...(e.MCP_SERVICE_TOKEN ? { serviceToken: e.MCP_SERVICE_TOKEN } : {}),
    ...(e.MCP_IDENTITY_PUBLIC_KEY ? { identityPublicKey: e.MCP_IDENTITY_PUBLIC_KEY } : {}),
    ...(e.MCP_IDENTITY_ISSUER ? { identityIssuer: e.MCP_IDENTITY_ISSUER } : {}),
    allowedHosts: e.MCP_ALLOWED_HOSTS ?? (e.MCP_SERVICE_TOKEN ? 'any' : [...LOOPBACK_HOSTNAMES]),
    // A developer's loopback server may be called from a local page (an inspector); a deployed one by no browser.
    allowedOrigins: e.MCP_ALLOWED_ORIGINS ?? (e.MCP_SERVICE_TOKEN ? [] : [...LOOPBACK_HOSTNAMES]),
    bodyLimitBytes: e.MCP_BODY_LIMIT_BYTES ?? SERVICE_DEFAULTS.bodyLimitBytes,
    toolTimeoutMs: e.MCP_TOOL_TIMEOUT_MS ?? SERVICE_DEFAULTS.toolTimeoutMs,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? SERVICE_DEFAULTS.shutdownGraceMs,
    logLevel: e.LOG_LEVEL ?? SERVICE_DEFAULTS.logLevel,
    telemetry: loadTelemetrySettings(env),
  };
}

function loadTelemetrySettings(env: NodeJS.ProcessEnv): TelemetryConfig {
  try {
    return loadTelemetryConfig(env);
  } catch (error) {
    if (error instanceof TelemetryConfigError) {
      throw new ConfigError(error.variable, error.message.slice(error.variable.length + 1));
    }
    throw error;
  }
}
