// Tracing shared by every deployable. Every export here is API: add on purpose.
export {
  type DisabledTelemetry,
  type EnabledTelemetry,
  loadTelemetryConfig,
  SAMPLER_NAMES,
  type SamplerName,
  TELEMETRY_DEFAULTS,
  type TelemetryConfig,
  TelemetryConfigError,
} from './load-telemetry-config.ts';
export { markSpanFailed } from './mark-span-failed.ts';
export {
  isTracingEnabled,
  type StartTelemetryOptions,
  startTelemetry,
  type Telemetry,
  type TelemetryLog,
} from './start-telemetry.ts';
export { contextFromTraceHeaders, type TraceHeaders, traceHeadersOf } from './w3c-trace-context.ts';
