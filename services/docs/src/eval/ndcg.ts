/**
 * nDCG@k of one ranked list, as the eval README defines it: gain = the judged relevance grade (linear,
 * not 2^rel − 1), discount 1/log2(rank + 1) with ranks from 1, and the ideal DCG computed from the
 * judgments themselves (all judged grades, best first), not from what the run happened to retrieve.
 *
 * Returns 0 when the query has no relevant judgment: there is nothing to find, and callers normally leave
 * such queries out of the mean (see {@link meanOverJudged}).
 */
export function ndcgAt(k: number, ranked: readonly string[], judged: ReadonlyMap<string, number>): number {
  const ideal = [...judged.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((sum, grade, i) => sum + grade / Math.log2(i + 2), 0);
  if (idcg === 0) return 0;
  let dcg = 0;
  const seen = new Set<string>();
  for (const [i, docId] of ranked.slice(0, k).entries()) {
    // A document listed twice earns its gain once: duplicates must not inflate the score.
    if (seen.has(docId)) continue;
    seen.add(docId);
    const grade = judged.get(docId) ?? 0;
    if (grade > 0) dcg += grade / Math.log2(i + 2);
  }
  return dcg / idcg;
}
