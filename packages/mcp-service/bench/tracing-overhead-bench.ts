// `node packages/mcp-service/bench/tracing-overhead-bench.ts`: the CPU that tracing adds to one `tools/call`
// in the kit, off (no OTEL_* settings) and on (a server span per call through the production setup: batch
// processor and the OTLP/HTTP exporter posting to a local sink that discards). Measured on the kit's tracing
// wrapper alone in a loop: the full tools/call benchmark cannot resolve a cost this small against the
// ~130 µs a call costs, least of all on a shared machine.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTelemetryConfig, startTelemetry } from '@shopchat/telemetry';
import { createLogger } from '../src/index.ts';
import type { RequestScope } from '../src/request-scope.ts';
import type { ToolCallResult } from '../src/tool-executor.ts';
import { continueTrace } from '../src/trace-context.ts';
import { traceToolCall } from '../src/trace-tool-call.ts';

const CALLS = 50_000;
const ROUNDS = 5;
/** Calls between two turns of the event loop, so the batch processor's timers and exports run as in a server. */
const YIELD_EVERY = 100;
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const trace = continueTrace(traceparent);
const scope: RequestScope = {
  log: createLogger({ service: 'bench', level: 'silent' }),
  bindings: { requestId: trace.traceId, traceId: trace.traceId, spanId: trace.spanId },
  trace,
  traceHeaders: { traceparent },
};
const meta = { traceparent };
const result: ToolCallResult = { content: [{ type: 'text', text: 'hello' }], structuredContent: { text: 'hello' } };
const work = async () => result;
const bare = () => work();
const traced = () => traceToolCall({ name: 'echo', known: true, meta, scope }).run(work);

/** Median CPU nanoseconds per call (user + system, this process), `settle` included in the measurement. */
async function cpuPerCall(call: () => Promise<unknown>, settle: () => Promise<void> = async () => {}) {
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const started = process.cpuUsage();
    for (let i = 1; i <= CALLS; i++) {
      await call();
      if (i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await settle();
    const used = process.cpuUsage(started);
    if (round > 0) rounds.push(((used.user + used.system) * 1000) / CALLS); // round 0 warms up
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] ?? Number.NaN;
}

const baseline = await cpuPerCall(bare);
const off = await cpuPerCall(traced);

const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
sink.listen(0, '127.0.0.1');
await once(sink, 'listening');
const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
const telemetry = startTelemetry(
  loadTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_MAX_QUEUE_SIZE: String(CALLS) }),
  { serviceName: 'bench' },
);
const on = await cpuPerCall(traced, () => telemetry.forceFlush());
await telemetry.shutdown();
sink.close();

console.log(
  `tools/call tracing CPU per call: off +${(off - baseline).toFixed(0)} ns, on +${(on - baseline).toFixed(0)} ns (loop baseline ${baseline.toFixed(0)} ns)`,
);
