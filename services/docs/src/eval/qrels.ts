/**
 * Relevance judgments: query id → (document id → graded relevance). Only grades above zero count as
 * relevant; a zero grade is kept because it still says "judged and not relevant".
 */
export type Qrels = Map<string, Map<string, number>>;

/** One query's ranked result list, best first: document ids in rank order. */
export type RankedIds = readonly string[];

/** Runs of many queries: query id → ranked document ids. */
export type Run = Map<string, RankedIds>;

/**
 * Parses a BEIR qrels TSV (`query-id<TAB>corpus-id<TAB>score`, optional header line). Lines that do not
 * have three columns or a numeric score are reported with their line number rather than skipped, because
 * a silently shortened judgment set would quietly change every metric.
 */
export function parseQrels(tsv: string): Qrels {
  const qrels: Qrels = new Map();
  const lines = tsv.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const [queryId, docId, grade, ...rest] = line.split(/\t| +/);
    if (index === 0 && queryId === 'query-id') continue;
    const score = Number(grade);
    if (queryId === undefined || docId === undefined || rest.length > 0 || !Number.isFinite(score)) {
      throw new Error(`qrels line ${index + 1}: expected "query-id<TAB>corpus-id<TAB>score", got "${line}"`);
    }
    let judged = qrels.get(queryId);
    if (judged === undefined) {
      judged = new Map();
      qrels.set(queryId, judged);
    }
    judged.set(docId, score);
  }
  return qrels;
}
