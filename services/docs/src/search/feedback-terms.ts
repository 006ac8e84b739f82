/** A passage of a first ranking, as feedback sees it: its analysed terms and its score. */
export interface FeedbackPassage {
  terms: readonly string[];
  score: number;
}

export interface FeedbackSettings {
  /** Best passages of the first ranking read for new terms. */
  passages: number;
  /** New terms added to the query at most. */
  terms: number;
  /** Weight of the strongest new term against an original query term (1); the others scale down from it. */
  weight: number;
}

/**
 * Pseudo-relevance feedback in the manner of RM3: the words the best first-pass passages share, weighted by
 * how much of each passage they make up and by how far that passage leads the ranking, become extra query
 * terms with a fraction of an original term's weight. It depends only on the query and the corpus, never on
 * a set of judged queries, so what it gains carries over to questions nobody tuned it on (decision 0006).
 * Returns the boost of each query term: 1 for the original terms, less for the added ones.
 */
export function feedbackTermBoosts(
  query: readonly string[],
  ranked: readonly FeedbackPassage[],
  settings: FeedbackSettings,
): Map<string, number> {
  const boosts = new Map<string, number>(query.map((term) => [term, 1]));
  const top = ranked.slice(0, settings.passages);
  const lead = top[0]?.score;
  if (lead === undefined || settings.terms === 0 || settings.weight === 0) return boosts;
  // A softmax over the BM25 scores: the passages that lead clearly speak loudest.
  const shares = top.map((passage) => Math.exp(passage.score - lead));
  const total = shares.reduce((sum, share) => sum + share, 0);
  const weights = new Map<string, number>();
  top.forEach((passage, index) => {
    if (passage.terms.length === 0) return;
    const perOccurrence = (shares[index] ?? 0) / total / passage.terms.length;
    for (const term of passage.terms) {
      if (!boosts.has(term)) weights.set(term, (weights.get(term) ?? 0) + perOccurrence);
    }
  });
  const added = [...weights].sort((x, y) => y[1] - x[1]).slice(0, settings.terms);
  const strongest = added[0]?.[1] ?? 1;
  for (const [term, weight] of added) boosts.set(term, settings.weight * (weight / strongest));
  return boosts;
}
