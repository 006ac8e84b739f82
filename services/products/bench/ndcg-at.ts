/**
 * nDCG@k of one ranked list: gain = the judged relevance grade (linear), discount 1 / log2(rank + 1)
 * with ranks from 1, and the ideal DCG computed from the judgments themselves (every judged grade, best
 * first), not from what the ranking happened to retrieve. A product listed twice earns its gain once.
 * Returns 0 when nothing is judged relevant.
 */
export function ndcgAt(k: number, ranked: readonly string[], judged: Readonly<Record<string, number>>): number {
  const ideal = Object.values(judged)
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idealDcg = ideal.reduce((sum, grade, i) => sum + grade / Math.log2(i + 2), 0);
  if (idealDcg === 0) return 0;
  const seen = new Set<string>();
  let dcg = 0;
  for (const [i, id] of ranked.slice(0, k).entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    dcg += (judged[id] ?? 0) / Math.log2(i + 2);
  }
  return dcg / idealDcg;
}
