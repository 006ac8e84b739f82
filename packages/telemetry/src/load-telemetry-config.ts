import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { z } from 'zod';

/** The samplers of the OpenTelemetry specification that `OTEL_TRACES_SAMPLER` may name. */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/** What a process exports its spans with, resolved from the environment. */
export type TelemetryConfig = DisabledTelemetry | EnabledTelemetry;

export interface DisabledTelemetry {
  enabled: false;
  /** Why, for the startup log line. */
  reason: string;
}

export interface EnabledTelemetry {
  enabled: true;
  /** `service.name` from `OTEL_SERVICE_NAME` (or `OTEL_RESOURCE_ATTRIBUTES`); unset: the process names itself. */
  serviceName?: string;
  /** `OTEL_RESOURCE_ATTRIBUTES`, decoded. */
  resourceAttributes: Record<string, string>;
  exporter: { kind: 'otlp'; url: string; headers: Record<string, string> } | { kind: 'console' };
  sampler: { name: SamplerName; ratio: number };
  batch: {
    scheduledDelayMillis: number;
    maxQueueSize: number;
    maxExportBatchSize: number;
    exportTimeoutMillis: number;
  };
  /** Longest string attribute value kept, in characters (a long SQL text is cut here). */
  attributeValueLengthLimit: number;
}

/**
 * Defaults, as the OpenTelemetry specification sets them, except the attribute length: the SDK keeps any
 * length, and 4,096 characters bound a span's size while keeping every SQL statement of ours whole.
 */
export const TELEMETRY_DEFAULTS = {
  sampler: 'parentbased_always_on',
  /** Where `OTEL_TRACES_EXPORTER=otlp` sends without an endpoint: a collector's OTLP/HTTP port on this machine. */
  otlpTracesUrl: 'http://localhost:4318/v1/traces',
  scheduledDelayMillis: 5_000,
  maxQueueSize: 2_048,
  maxExportBatchSize: 512,
  exportTimeoutMillis: 30_000,
  attributeValueLengthLimit: 4_096,
} as const;

/** A setting that stops the process at startup; `code` is the kit's stable code for bad settings. */
export class TelemetryConfigError extends Error {
  readonly code = 'config_invalid';
  readonly isRetryable = false;
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'TelemetryConfigError';
    this.variable = variable;
  }
}

const count = z.coerce.number().int().positive();
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const EnvSchema = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'console', 'none'], { error: 'must be otlp, console or none (one exporter)' })
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/json', 'http/protobuf'], { error: 'must be http/json or http/protobuf: spans go over OTLP/HTTP' })
    .optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z
    .enum(['http/json', 'http/protobuf'], { error: 'must be http/json or http/protobuf: spans go over OTLP/HTTP' })
    .optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLER_NAMES, { error: `must be one of ${SAMPLER_NAMES.join(', ')}` }).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: count.optional(),
  OTEL_BSP_MAX_QUEUE_SIZE: count.optional(),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: count.optional(),
  OTEL_BSP_EXPORT_TIMEOUT: count.optional(),
  OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: count.optional(),
  OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: count.optional(),
});

/**
 * Reads the standard `OTEL_*` variables. Tracing is on only when an exporter is asked for: an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `…_TRACES_ENDPOINT`) or `OTEL_TRACES_EXPORTER`; so tests, `npm start` and
 * a developer's machine never try to reach a collector. `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`
 * turn it off whatever else is set. A bad value throws a {@link TelemetryConfigError} naming the variable.
 */
export function loadTelemetryConfig(env: NodeJS.ProcessEnv): TelemetryConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('OTEL_') && value !== undefined && value.trim() !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TelemetryConfigError(String(issue?.path[0] ?? 'OTEL_*'), `is invalid: ${issue?.message ?? 'unknown'}`);
  }
  const e = parsed.data;
  if (e.OTEL_SDK_DISABLED === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  if (e.OTEL_TRACES_EXPORTER === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? signalUrl(e.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!e.OTEL_TRACES_EXPORTER && !endpoint) {
    return { enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER' };
  }
  const resourceAttributes = parseKeyPairsIntoRecord(e.OTEL_RESOURCE_ATTRIBUTES);
  const sampler = e.OTEL_TRACES_SAMPLER ?? TELEMETRY_DEFAULTS.sampler;
  const batch = {
    scheduledDelayMillis: e.OTEL_BSP_SCHEDULE_DELAY ?? TELEMETRY_DEFAULTS.scheduledDelayMillis,
    maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE ?? TELEMETRY_DEFAULTS.maxQueueSize,
    maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ?? TELEMETRY_DEFAULTS.maxExportBatchSize,
    exportTimeoutMillis: e.OTEL_BSP_EXPORT_TIMEOUT ?? TELEMETRY_DEFAULTS.exportTimeoutMillis,
  };
  if (batch.maxExportBatchSize > batch.maxQueueSize) {
    throw new TelemetryConfigError('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'must not exceed OTEL_BSP_MAX_QUEUE_SIZE');
  }
  const serviceName = e.OTEL_SERVICE_NAME ?? resourceAttributes['service.name'];
  return {
    enabled: true,
    ...(serviceName ? { serviceName } : {}),
    resourceAttributes,
    exporter:
      e.OTEL_TRACES_EXPORTER === 'console'
        ? { kind: 'console' }
        : {
            kind: 'otlp',
            url: endpoint ?? TELEMETRY_DEFAULTS.otlpTracesUrl,
            headers: {
              ...parseKeyPairsIntoRecord(e.OTEL_EXPORTER_OTLP_HEADERS),
              ...parseKeyPairsIntoRecord(e.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
            },
          },
    sampler: { name: sampler, ratio: e.OTEL_TRACES_SAMPLER_ARG ?? 1 },
    batch,
    attributeValueLengthLimit:
      e.OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT ??
      e.OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT ??
      TELEMETRY_DEFAULTS.attributeValueLengthLimit,
  };
}

/** The specification's rule for the shared endpoint: the signal's path is appended to it. */
function signalUrl(base: string | undefined): string | undefined {
  if (!base) return undefined;
  return `${base.endsWith('/') ? base : `${base}/`}v1/traces`;
}
