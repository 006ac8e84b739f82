/**
 * Recall@k of one ranked list: the share of the judged-relevant documents (grade > 0) that appear in the
 * top k. Returns 0 when the query has no relevant judgment.
 */
export function recallAt(k: number, ranked: readonly string[], judged: ReadonlyMap<string, number>): number {
  let relevant = 0;
  for (const grade of judged.values()) if (grade > 0) relevant += 1;
  if (relevant === 0) return 0;
  const found = new Set<string>();
  for (const docId of ranked.slice(0, k)) {
    if ((judged.get(docId) ?? 0) > 0) found.add(docId);
  }
  return found.size / relevant;
}
