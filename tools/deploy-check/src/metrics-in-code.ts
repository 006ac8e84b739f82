import { readRepoFile, sourceFiles } from './read-repo-file.ts';

/** The folders whose code registers Prometheus metrics: the host, the MCP kit and servers, model-sim. */
const METRIC_CODE = ['apps/host/src', 'packages/mcp-service/src', 'packages/model-sim/src', 'services'];

export type MetricType = 'Counter' | 'Gauge' | 'Histogram' | 'Summary';

/**
 * Every metric the code registers with prom-client (`new Counter({ name: 'host_turns_total', … })`), by name: what a
 * dashboard or an alert may query.
 */
export function metricsInCode(): Map<string, MetricType> {
  const found = new Map<string, MetricType>();
  const pattern = /new (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name:\s*'([a-z_:][a-z0-9_:]*)'/g;
  for (const folder of METRIC_CODE) {
    for (const file of sourceFiles(folder)) {
      if (file.includes('/node_modules/') || file.includes('/test/')) continue;
      for (const match of readRepoFile(file).matchAll(pattern)) found.set(match[2] as string, match[1] as MetricType);
    }
  }
  return found;
}

/** The series a PromQL query reads: a histogram's `_bucket`/`_sum`/`_count` are its own name's. */
export function metricsInQuery(expr: string, known: Map<string, MetricType>): string[] {
  const names = expr.match(/\b(?:host|mcp|model_sim)_[a-z0-9_]+\b/g) ?? [];
  return names.map((name) => {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    return base !== name && ['Histogram', 'Summary'].includes(known.get(base) ?? '') ? base : name;
  });
}
