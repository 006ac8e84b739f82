import { Counter, Histogram, type Registry } from 'prom-client';
import type { TurnResult } from './turn-contract.ts';

/** Seconds: turns last seconds with a real model (time to first token is most of it). */
const TURN_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];
const TOOL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface TurnMetrics {
  toolCalls: Counter<'server' | 'tool' | 'outcome'>;
  toolDuration: Histogram<'server'>;
  modelErrors: Counter;
  recordTurn(result: TurnResult, seconds: number): void;
}

/** Turn, token, cost and tool-call metrics, on the host's registry. */
export function createTurnMetrics(registry: Registry): TurnMetrics {
  const turns = new Counter({
    name: 'host_turns_total',
    help: 'Chat turns by how they ended (stop, approval, length, iteration-limit, error, aborted).',
    labelNames: ['finish'],
    registers: [registry],
  });
  const turnDuration = new Histogram({
    name: 'host_turn_duration_seconds',
    help: 'Duration of a turn, model and tool time included.',
    buckets: TURN_BUCKETS,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'host_llm_tokens_total',
    help: 'Model tokens by kind: input (uncached), output, cache_write, cache_read.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const cost = new Counter({
    name: 'host_llm_cost_usd_total',
    help: 'Estimated model cost in US dollars at list prices.',
    registers: [registry],
  });
  const modelCalls = new Counter({ name: 'host_llm_calls_total', help: 'Model calls.', registers: [registry] });
  return {
    toolCalls: new Counter({
      name: 'host_tool_calls_total',
      help: 'Tool calls from the loop by server, tool and outcome (ok, error = isError result, unavailable).',
      labelNames: ['server', 'tool', 'outcome'],
      registers: [registry],
    }),
    toolDuration: new Histogram({
      name: 'host_tool_call_duration_seconds',
      help: 'Tool call time seen by the host, network included.',
      labelNames: ['server'],
      buckets: TOOL_BUCKETS,
      registers: [registry],
    }),
    modelErrors: new Counter({
      name: 'host_llm_errors_total',
      help: 'Model calls that failed after the SDK retries (overload, rate limit, network).',
      registers: [registry],
    }),
    recordTurn(result, seconds) {
      turns.inc({ finish: result.finishReason });
      turnDuration.observe(seconds);
      const { usage } = result;
      tokens.inc({ kind: 'input' }, usage.inputTokens);
      tokens.inc({ kind: 'output' }, usage.outputTokens);
      tokens.inc({ kind: 'cache_write' }, usage.cacheCreationInputTokens);
      tokens.inc({ kind: 'cache_read' }, usage.cacheReadInputTokens);
      cost.inc(usage.costUsd);
      modelCalls.inc(usage.modelCalls);
    },
  };
}
