import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** How a tool call ended; a fixed set, so the label's cardinality stays bounded. */
export type ToolOutcomeLabel = 'ok' | 'failed' | 'invalid' | 'denied' | 'timeout' | 'cancelled' | 'error';

/** Seconds. Tools answer in milliseconds on a healthy database, so the buckets start fine-grained. */
const TOOL_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServiceMetrics {
  registry: Registry;
  toolCalls: Counter<'tool' | 'outcome'>;
  toolCallDuration: Histogram<'tool'>;
  unknownToolCalls: Counter;
  mcpRequests: Counter<'method' | 'status'>;
  rejectedRequests: Counter<'reason'>;
}

/**
 * One registry per service instance (not prom-client's global one), so tests can run several services in
 * one process and each `/metrics` shows only its own figures.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    toolCalls: new Counter({
      name: 'mcp_tool_calls_total',
      help: 'Tool calls by tool and outcome (ok, failed = domain failure, invalid, denied, timeout, cancelled, error).',
      labelNames: ['tool', 'outcome'],
      registers: [registry],
    }),
    toolCallDuration: new Histogram({
      name: 'mcp_tool_call_duration_seconds',
      help: 'Time from receiving a tool call to its result, in seconds.',
      labelNames: ['tool'],
      buckets: TOOL_DURATION_BUCKETS,
      registers: [registry],
    }),
    unknownToolCalls: new Counter({
      name: 'mcp_unknown_tool_calls_total',
      help: 'Calls naming a tool this server does not have (a stale client catalogue).',
      registers: [registry],
    }),
    mcpRequests: new Counter({
      name: 'mcp_requests_total',
      help: 'JSON-RPC requests on /mcp by method and HTTP status.',
      labelNames: ['method', 'status'],
      registers: [registry],
    }),
    rejectedRequests: new Counter({
      name: 'mcp_rejected_requests_total',
      help: 'HTTP requests refused before reaching MCP, by reason (auth, host, origin, body, media type).',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
