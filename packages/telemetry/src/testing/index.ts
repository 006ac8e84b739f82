// Test helpers of the telemetry package; not for production code.
export { type InMemoryTracing, startInMemoryTracing } from './start-in-memory-tracing.ts';
