import { context, DiagLogLevel, diag, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { EnabledTelemetry, SamplerName, TelemetryConfig } from './load-telemetry-config.ts';

/** Tracing of this process, as started. */
export interface Telemetry {
  /** Spans are recorded and exported. When false every span is a no-op and nothing is exported. */
  readonly enabled: boolean;
  /** Exports the spans ended so far (tests, and before a planned exit). */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops; call once, after the last request. A no-op for a handle that does not own the provider. */
  shutdown(): Promise<void>;
}

/** The little the SDK's own diagnostics are written to (pino's `warn` fits). */
export interface TelemetryLog {
  warn(fields: object, message: string): void;
}

export interface StartTelemetryOptions {
  /** `service.name` of the spans unless `OTEL_SERVICE_NAME` says otherwise: `host`, `orders`… */
  serviceName: string;
  /** `service.version` of the spans. */
  serviceVersion?: string;
  /** Where the SDK reports its own trouble (an unreachable collector); unset: nowhere. */
  log?: TelemetryLog;
}

/** Settings of {@link registerTracing}: what a provider is built from, config or test alike. */
export interface TracingRegistration {
  serviceName: string;
  resourceAttributes?: Record<string, string>;
  sampler?: Sampler;
  spanProcessors: SpanProcessor[];
  attributeValueLengthLimit?: number;
}

const DISABLED: Telemetry = {
  enabled: false,
  forceFlush: async () => {},
  shutdown: async () => {},
};

/** The provider this process registered, if any: there is one global provider per process. */
let registered: Telemetry | undefined;

/**
 * Starts tracing as `config` says: a tracer provider with a batching OTLP/HTTP (JSON) exporter, W3C trace
 * context propagation and an AsyncLocalStorage context manager, all registered globally, so every
 * `@opentelemetry/api` tracer in the process records. Disabled, nothing is registered and the API's no-op
 * tracer stays in place: spans cost a few object allocations and export nothing.
 *
 * A process has one provider: when tracing is already on (a test registered an in-memory exporter first),
 * this returns a handle to it that does not shut it down.
 */
export function startTelemetry(config: TelemetryConfig, options: StartTelemetryOptions): Telemetry {
  if (registered) return { enabled: true, forceFlush: registered.forceFlush, shutdown: async () => {} };
  if (!config.enabled) return DISABLED;
  if (options.log) {
    const log = options.log;
    const write = (message: string, ...args: unknown[]) => log.warn({ otel: args.map(String) }, message);
    diag.setLogger(
      { error: write, warn: write, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
  }
  return registerTracing({
    serviceName: config.serviceName ?? options.serviceName,
    resourceAttributes: {
      ...config.resourceAttributes,
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
    },
    sampler: createSampler(config.sampler.name, config.sampler.ratio),
    spanProcessors: [new BatchSpanProcessor({ exporter: createExporter(config.exporter), ...config.batch })],
    attributeValueLengthLimit: config.attributeValueLengthLimit,
  });
}

/**
 * Whether this process records spans (a provider was registered through this package). Hot paths check it
 * to skip even parsing a `traceparent` when tracing is off.
 */
export function isTracingEnabled(): boolean {
  return registered !== undefined;
}

/**
 * Registers a tracer provider built from `registration` as the process's global one, with W3C trace context
 * and AsyncLocalStorage. `startTelemetry` uses it; so does the in-memory test setup.
 */
export function registerTracing(registration: TracingRegistration): Telemetry {
  if (registered) throw new Error('tracing is already registered in this process');
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      ...registration.resourceAttributes,
      'service.name': registration.serviceName,
    }),
    ...(registration.sampler ? { sampler: registration.sampler } : {}),
    spanProcessors: registration.spanProcessors,
    ...(registration.attributeValueLengthLimit
      ? { spanLimits: { attributeValueLengthLimit: registration.attributeValueLengthLimit } }
      : {}),
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  let stopped: Promise<void> | undefined;
  const handle: Telemetry = {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      stopped ??= (async () => {
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          propagation.disable();
          context.disable();
          diag.disable();
          registered = undefined;
        }
      })();
      return stopped;
    },
  };
  registered = handle;
  return handle;
}

function createExporter(exporter: EnabledTelemetry['exporter']): SpanExporter {
  if (exporter.kind === 'console') return new ConsoleSpanExporter();
  // Timeout, compression and TLS files the exporter still reads from OTEL_EXPORTER_OTLP_* itself.
  return new OTLPTraceExporter({ url: exporter.url, headers: exporter.headers });
}

function createSampler(name: SamplerName, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}
