import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds; streamed answers at a realistic pace take seconds, so the buckets reach a minute. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface ModelSimMetrics {
  registry: Registry;
  requests: Counter<'status' | 'stream'>;
  duration: Histogram<'stream'>;
  tokens: Counter<'kind'>;
  stopReasons: Counter<'stop_reason'>;
  toolUses: Counter;
  simulatedFailures: Counter<'status'>;
  clientAborts: Counter;
}

/** One registry per app instance, so several sims in one test process keep their own figures. */
export function createModelSimMetrics(): ModelSimMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'model-sim' });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'model_sim_requests_total',
      help: 'POST /v1/messages requests by HTTP status and whether they streamed.',
      labelNames: ['status', 'stream'],
      registers,
    }),
    duration: new Histogram({
      name: 'model_sim_request_duration_seconds',
      help: 'Time from request to the last byte of the answer, in seconds (includes simulated latency).',
      labelNames: ['stream'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    tokens: new Counter({
      name: 'model_sim_tokens_total',
      help: 'Tokens by kind: input (uncached), cache_read, cache_creation, output.',
      labelNames: ['kind'],
      registers,
    }),
    stopReasons: new Counter({
      name: 'model_sim_stop_reasons_total',
      help: 'Answers by stop reason (end_turn, tool_use, max_tokens, stop_sequence).',
      labelNames: ['stop_reason'],
      registers,
    }),
    toolUses: new Counter({ name: 'model_sim_tool_uses_total', help: 'tool_use blocks emitted.', registers }),
    simulatedFailures: new Counter({
      name: 'model_sim_simulated_failures_total',
      help: 'Errors answered on purpose (x-model-sim-fail header, MODEL_SIM_OVERLOAD_EVERY) by status.',
      labelNames: ['status'],
      registers,
    }),
    clientAborts: new Counter({
      name: 'model_sim_client_aborts_total',
      help: 'Answers abandoned because the client disconnected first.',
      registers,
    }),
  };
}
