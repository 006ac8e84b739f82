import { stopwords as snowballEnglishStopwords } from '@orama/stopwords/english';
import { stemmer } from 'stemmer';
import { foldWord, tokenize } from './tokenize.ts';

/** A word of a text after analysis: its index term, or `null` when the word is a stopword. */
export interface AnalyzedToken {
  term: string | null;
  start: number;
  end: number;
}

/** Turns text into index terms. The same instance must serve indexing and querying. */
export interface Analyzer {
  /** Index terms in text order: folded, stopwords dropped, stemmed. */
  terms(text: string): string[];
  /** Every word with its offsets and term (or `null` for a stopword): what highlighting needs. */
  tokens(text: string): AnalyzedToken[];
}

export interface AnalyzerOptions {
  /** Words that carry no meaning for ranking; folded like text. Default: {@link ENGLISH_STOPWORDS}. */
  stopwords?: Iterable<string>;
  /** Reduces a folded word to its stem. Default: the Porter stemmer. */
  stem?: (word: string) => string;
}

/**
 * The Snowball project's English stop list (as packaged by Orama), made to go with the Porter stemmer:
 * function words, auxiliaries ("does", "would"), pronouns, question words and negations. Plus "a",
 * which that package leaves out. On SciFact it ranks +0.003 nDCG@10 above the `stopword` package's
 * shorter list; on help-center questions it stops "does" in "how long does delivery take" from
 * matching every article that says "does not".
 */
export const ENGLISH_STOPWORDS: readonly string[] = [...snowballEnglishStopwords, 'a'];

/**
 * Stems are cached because a corpus repeats a small vocabulary many times over: caching makes Porter
 * stemming of the 5,183 SciFact abstracts about 3× faster. The cache is capped so that a stream of
 * unique garbage words cannot grow it without bound.
 */
const STEM_CACHE_LIMIT = 200_000;

/**
 * Builds the analysis chain used for ranking: Unicode word tokenisation with accent folding
 * ({@link tokenize}), stopword removal, then stemming. The defaults are the English chain measured on
 * SciFact (docs/decisions/0006-docs-search-engine.md): Porter stemming is worth +0.03 nDCG@10 there.
 * Stopwords are folded like text, so "don't" in the list matches the folded word "dont".
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stopwords = new Set([...(options.stopwords ?? ENGLISH_STOPWORDS)].map(foldWord));
  const stem = options.stem ?? stemmer;
  const cache = new Map<string, string>();
  const termOf = (word: string): string | null => {
    if (stopwords.has(word)) return null;
    let term = cache.get(word);
    if (term === undefined) {
      term = stem(word);
      if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
      cache.set(word, term);
    }
    return term;
  };
  return {
    terms(text) {
      const terms: string[] = [];
      for (const token of tokenize(text)) {
        const term = termOf(token.text);
        if (term !== null) terms.push(term);
      }
      return terms;
    },
    tokens(text) {
      return tokenize(text).map((token) => ({ term: termOf(token.text), start: token.start, end: token.end }));
    },
  };
}
