import { contentStems, stemPairs } from './content-stems.ts';
import { expandSynonyms } from './expand-synonyms.ts';
import { foldWords } from './fold-words.ts';
import { type Audience, queryAudience } from './query-audience.ts';
import type { QueryClause } from './query-clause.ts';
import type { SpellingCorrector } from './spelling-corrector.ts';
import { type StatedPreferences, statedPreferences } from './stated-preferences.ts';
import { STOPWORDS } from './stopwords.ts';

/** A customer's words turned into weighted clauses of index terms. */
export interface AnalyzedQuery {
  /** What to match; empty when the query carries no searchable word (pure filtering). */
  clauses: QueryClause[];
  /** The words searched for, after spelling correction and without filler words (what was searched). */
  searchedText: string;
  /** Words that were not in the catalogue and what they were read as. */
  corrections: { from: string; to: string }[];
  /** Who the words say the product is for, if they do. */
  audience: Audience | null;
  /** Colour, capacity or number of people the words ask for. */
  preferences: StatedPreferences;
}

/** What the analysis needs to know of the catalogue. */
export interface QueryLexicon {
  corrector: SpellingCorrector;
  /** Catalogue colour names, lower case, longest first. */
  colourNames: readonly string[];
}

/** Most words of a query that are analysed: a question is a dozen words; the rest is noise or abuse. */
export const MAX_QUERY_WORDS = 32;

/**
 * Folds and corrects the words, drops stopwords, stems, and groups the stems into clauses with the
 * shop's synonyms. A last clause rewards the customer's adjacent words standing together in a product
 * ("winter camping") where no synonym phrase already covers the pair.
 */
export function analyzeQuery(text: string, { corrector, colourNames }: QueryLexicon): AnalyzedQuery {
  const corrections: { from: string; to: string }[] = [];
  const words: string[] = [];
  const unknown = new Set<string>();
  for (const word of foldWords(text).slice(0, MAX_QUERY_WORDS)) {
    const corrected = STOPWORDS.has(word) ? null : corrector.correct(word);
    if (corrected) corrections.push({ from: word, to: corrected.join(' ') });
    else if (!corrector.knows(word) && /^\D{4,}$/.test(word)) unknown.add(word);
    words.push(...(corrected ?? [word]));
  }
  const stems = contentStems(words);
  const unknownStems = new Set(contentStems([...unknown]));
  const spans = expandSynonyms(stems);
  const clauses: QueryClause[] = spans.map(({ clause, start, end }) =>
    end - start === 1 && unknownStems.has(stems[start] ?? '')
      ? { alternatives: clause.alternatives.map((alternative) => ({ ...alternative, approximate: true })) }
      : clause,
  );
  const boundaries = new Set(spans.map((span) => span.start));
  const pairs = stemPairs(stems).filter((_, i) => boundaries.has(i + 1));
  if (pairs.length > 0) clauses.push({ alternatives: [{ terms: pairs, weight: 1 }] });
  return {
    clauses,
    searchedText: words.filter((word) => !STOPWORDS.has(word)).join(' '),
    corrections,
    audience: queryAudience(stems),
    preferences: statedPreferences(words.join(' '), colourNames),
  };
}
