import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { registerTracing } from '../start-telemetry.ts';

/** Tracing that keeps every ended span in memory, for tests that assert a trace. */
export interface InMemoryTracing {
  /** The spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  reset(): void;
  shutdown(): Promise<void>;
}

/**
 * Registers this process's tracer provider with an in-memory exporter (every span, synchronously), W3C
 * propagation and AsyncLocalStorage, exactly as `startTelemetry` does with OTLP. Call it before anything
 * starts spans; `startTelemetry` calls made afterwards (a host or a service started in-process) share it.
 */
export function startInMemoryTracing(serviceName = 'test'): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const telemetry = registerTracing({ serviceName, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: () => telemetry.shutdown(),
  };
}
