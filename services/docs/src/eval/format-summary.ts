import type { EvalSummary } from './run-eval.ts';

/** The human-readable report the eval command prints after writing the run file. */
export function formatSummary(summary: EvalSummary, runPath: string): string {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const lines = [
    `run file:   ${runPath} (${summary.queries} queries, top 100 each)`,
    `indexed:    ${summary.documents} documents, ${summary.passages} passages`,
    `index time: ${ms(summary.indexMs)} (with reading the corpus: ${ms(summary.loadMs)})`,
    `latency:    p50 ${ms(summary.latencyMs.p50)}, p95 ${ms(summary.latencyMs.p95)}, max ${ms(summary.latencyMs.max)}`,
  ];
  if (summary.metrics !== undefined) {
    const { ndcg10, recall100, judgedQueries } = summary.metrics;
    lines.push(
      `nDCG@10:    ${ndcg10.toFixed(4)} (${judgedQueries} judged queries)`,
      `Recall@100: ${recall100.toFixed(4)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
