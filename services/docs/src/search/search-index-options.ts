import { z } from 'zod';
import type { Analyzer } from './analyzer.ts';

/**
 * Ranking settings. The defaults were chosen on the SciFact train judgments only, from a small grid of
 * conventional values, and are recorded with their numbers in docs/decisions/0006-docs-search-engine.md.
 */
export const searchIndexSettingsSchema = z.strictObject({
  /** BM25 term-frequency saturation. 0.9 is Anserini's BEIR default; 0.6–1.5 all scored within 0.006. */
  k1: z.number().min(0).max(5),
  /** BM25 length normalisation, 0 (none) to 1 (full). 0.4 is Anserini's BEIR default. */
  b: z.number().min(0).max(1),
  /**
   * Weight of an extra BM25 score over title and heading alone, added to the score over the whole
   * passage (which includes them). 0.2: +0.006 nDCG@10 on SciFact; 0.5 and more made it worse.
   */
  titleBoost: z.number().min(0).max(10),
  /**
   * Typo tolerance for query terms the index has never seen: the largest edit distance as a share of the
   * term's length (0.2: one edit in a 5-letter word). Known terms are always matched exactly, so a
   * correctly spelled query is never diluted. 0 turns it off.
   */
  fuzzyUnknownTerms: z.number().min(0).max(0.5),
  /**
   * Pseudo-relevance feedback (feedback-terms.ts): passages of the first ranking read for new terms, 0 for
   * none. 5 passages, 10 terms at 0.3: +0.007 nDCG@10 on SciFact train, and the same +0.007 on the held-out
   * fifth in a 5-fold cross-validation over the train queries (each fold choosing its settings on the other
   * four); 3–10 passages and weights 0.2–0.5 all gained 0.005–0.007.
   */
  feedbackPassages: z.number().int().min(0).max(50),
  /** New terms feedback adds at most. */
  feedbackTerms: z.number().int().min(0).max(50),
  /** Weight of the strongest added term against an original query term (1). */
  feedbackWeight: z.number().min(0).max(1),
  /** Longest snippet in characters of plain text. */
  snippetChars: z.number().int().min(20).max(2_000),
});

export type SearchIndexSettings = z.infer<typeof searchIndexSettingsSchema>;

/** Everything {@link SearchIndex} can be given; every setting is optional. */
export interface SearchIndexOptions extends Partial<SearchIndexSettings> {
  /** Analysis chain for documents and queries. Default: `createAnalyzer()` (English). */
  analyzer?: Analyzer;
}

/** Defaults, with the reasons in the schema above. */
export const DEFAULT_SEARCH_INDEX_SETTINGS = {
  k1: 0.9,
  b: 0.4,
  titleBoost: 0.2,
  fuzzyUnknownTerms: 0.2,
  feedbackPassages: 5,
  feedbackTerms: 10,
  feedbackWeight: 0.3,
  snippetChars: 200,
} satisfies SearchIndexSettings;

/** Merges options over the defaults and rejects a bad value with a message that names the setting. */
export function resolveSearchIndexSettings(options: SearchIndexOptions): SearchIndexSettings {
  const { analyzer: _analyzer, ...settings } = options;
  const parsed = searchIndexSettingsSchema.safeParse({ ...DEFAULT_SEARCH_INDEX_SETTINGS, ...settings });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`SearchIndex option ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
