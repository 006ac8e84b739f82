import type { Qrels, RankedIds, Run } from './qrels.ts';

/** A per-query metric such as `ndcgAt` or `recallAt` with its cut-off already applied. */
export type QueryMetric = (ranked: RankedIds, judged: ReadonlyMap<string, number>) => number;

/**
 * Averages a per-query metric over every query that has at least one relevant judgment, as trec_eval
 * does with `-c`: a judged query missing from the run counts as 0 instead of being dropped, so a run
 * cannot look better by leaving hard queries out. Queries in the run without judgments are ignored.
 */
export function meanOverJudged(run: Run, qrels: Qrels, metric: QueryMetric): { mean: number; queries: number } {
  let sum = 0;
  let queries = 0;
  for (const [queryId, judged] of qrels) {
    if (![...judged.values()].some((grade) => grade > 0)) continue;
    queries += 1;
    sum += metric(run.get(queryId) ?? [], judged);
  }
  return { mean: queries === 0 ? 0 : sum / queries, queries };
}
