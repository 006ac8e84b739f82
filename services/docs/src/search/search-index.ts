import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import MiniSearch from 'minisearch';
import { type Analyzer, createAnalyzer } from './analyzer.ts';
import { feedbackTermBoosts } from './feedback-terms.ts';
import { makeSnippet } from './make-snippet.ts';
import { type SearchDocument, searchDocumentSchema } from './search-document.ts';
import type { SearchHit, SearchOptions, UpsertOutcome } from './search-hit.ts';
import {
  resolveSearchIndexSettings,
  type SearchIndexOptions,
  type SearchIndexSettings,
} from './search-index-options.ts';
import { type Passage, splitPassages } from './split-passages.ts';
import { TermCounts } from './term-counts.ts';

export type { SearchHit, SearchOptions, UpsertOutcome } from './search-hit.ts';

/** Largest `limit`: a run file needs 100; nothing reads further down a ranking. */
export const MAX_LIMIT = 1_000;
/** Query terms scored at most: each one walks a posting list, and 64 is several paragraphs of text. */
export const MAX_QUERY_TERMS = 64;

/**
 * Searches whose hits are remembered until the index next changes: help-center questions repeat, and a
 * remembered answer is exactly what searching again would give, since any upsert or removal forgets
 * them all. 1,000 × a few KB of hits and snippets at most.
 */
export const RESULT_CACHE_ENTRIES = 1_000;

/** A passage as stored: the analysed fields MiniSearch indexes and what hits and snippets need. */
interface StoredPassage extends Passage {
  key: number;
  title: string;
  /** Analysed terms of title + heading + text: the main BM25 field. */
  terms: string[];
  /** Analysed terms of title + heading: the boosted field. */
  titleTerms: string[];
}

interface StoredDocument {
  fingerprint: string;
  passages: StoredPassage[];
}

/**
 * The full-text index of the docs service: documents in, ranked hits with snippets out.
 *
 * Documents are split into passages at their headings ({@link splitPassages}) and each passage is a
 * unit of retrieval, so a hit can point at the section that answers. MiniSearch holds the inverted
 * index and computes BM25 over two fields, the whole passage (title and heading included) and title +
 * heading alone with a small boost. Two corrections are made on top, both measured on SciFact
 * (docs/decisions/0006-docs-search-engine.md): MiniSearch multiplies every score by the number of
 * matched query terms, which is undone so the ranking is plain BM25 (+0.03 nDCG@10); and query terms
 * count once each (BM25's k3 = 0), since a word repeated in a question is not more important (+0.004).
 * Query words the index has never seen are matched with a small edit distance, so a typo still finds.
 *
 * Every method is synchronous and runs to completion, so concurrent requests never see a half-updated
 * index.
 */
export class SearchIndex {
  readonly #settings: SearchIndexSettings;
  readonly #analyzer: Analyzer;
  readonly #engine: MiniSearch<StoredPassage>;
  readonly #documents = new Map<string, StoredDocument>();
  readonly #passages = new Map<number, StoredPassage>();
  /** Passages containing each term: answers "is this query word known?" for typo tolerance. */
  readonly #termCounts = new TermCounts();
  readonly #results = new LRUCache<string, SearchHit[]>({ max: RESULT_CACHE_ENTRIES });
  #nextKey = 0;

  constructor(options: SearchIndexOptions = {}) {
    this.#settings = resolveSearchIndexSettings(options);
    this.#analyzer = options.analyzer ?? createAnalyzer();
    this.#engine = new MiniSearch<StoredPassage>({
      idField: 'key',
      fields: ['content', 'title'],
      // Fields hold already-analysed terms joined by spaces (terms never contain one), so each text is
      // analysed once, by our analyzer, and MiniSearch only splits.
      extractField: (passage, field) => {
        if (field === 'key') return passage.key;
        return (field === 'title' ? passage.titleTerms : passage.terms).join(' ');
      },
      tokenize: (text) => (text === '' ? [] : text.split(' ')),
      processTerm: (term) => term,
    });
  }

  /** Number of documents in the index. */
  get documentCount(): number {
    return this.#documents.size;
  }

  /** Number of passages in the index (at least one per document). */
  get passageCount(): number {
    return this.#passages.size;
  }

  has(id: string): boolean {
    return this.#documents.has(id);
  }

  /**
   * Adds a document, or replaces the one with the same id. Idempotent: a document identical to the
   * indexed one (same title, text and sections) changes nothing and reports `unchanged`, so a sync job
   * can re-send everything cheaply. Throws a `ZodError` for a malformed document.
   */
  upsert(input: SearchDocument): UpsertOutcome {
    const doc = searchDocumentSchema.parse(input);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([doc.title, doc.text, doc.sections ?? null]))
      .digest('base64url');
    const existing = this.#documents.get(doc.id);
    if (existing?.fingerprint === fingerprint) return 'unchanged';
    if (existing !== undefined) this.#unindex(existing);
    this.#results.clear();
    const passages = splitPassages(doc).map((passage) => this.#store(passage, doc.title));
    this.#engine.addAll(passages);
    this.#documents.set(doc.id, { fingerprint, passages });
    return existing === undefined ? 'added' : 'updated';
  }

  /** Removes a document and all its passages. Returns false when there was none with that id. */
  remove(id: string): boolean {
    const existing = this.#documents.get(id);
    if (existing === undefined) return false;
    this.#unindex(existing);
    this.#results.clear();
    this.#documents.delete(id);
    return true;
  }

  /**
   * Ranks documents for a free-text query. Each document appears once, represented by its best passage.
   * A query with no searchable word (empty, or only stopwords) returns no hits.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new RangeError(`search limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
    }
    const snippets = options.snippets ?? true;
    const key = `${limit} ${snippets} ${query}`;
    const remembered = this.#results.get(key);
    if (remembered) return [...remembered];
    const hits = this.#searchAnew(query, limit, snippets);
    this.#results.set(key, hits);
    return [...hits];
  }

  #searchAnew(query: string, limit: number, snippets: boolean): SearchHit[] {
    const unique = [...new Set(this.#analyzer.terms(query))].slice(0, MAX_QUERY_TERMS);
    if (unique.length === 0 || this.#passages.size === 0) return [];
    const ranked = this.#rankWithFeedback(unique);
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    const queryTerms = new Set(unique);
    for (const { passage, score } of ranked) {
      if (seen.has(passage.docId)) continue;
      seen.add(passage.docId);
      const hit: SearchHit = {
        id: passage.docId,
        title: passage.title,
        score,
        heading: passage.heading,
        anchor: passage.anchor,
      };
      if (snippets) {
        hit.snippet = makeSnippet(passage.text, queryTerms, this.#analyzer, {
          maxChars: this.#settings.snippetChars,
        });
      }
      hits.push(hit);
      if (hits.length === limit) break;
    }
    return hits;
  }

  /** A first BM25 ranking, then a second with the terms its best passages add (see feedbackTermBoosts). */
  #rankWithFeedback(terms: string[]): { passage: StoredPassage; score: number }[] {
    const first = this.#rank(terms);
    const { feedbackPassages, feedbackTerms, feedbackWeight } = this.#settings;
    if (feedbackPassages === 0 || first.length === 0) return first;
    const boosts = feedbackTermBoosts(
      terms,
      first.slice(0, feedbackPassages).map(({ passage, score }) => ({ terms: passage.terms, score })),
      { passages: feedbackPassages, terms: feedbackTerms, weight: feedbackWeight },
    );
    return boosts.size === terms.length ? first : this.#rank([...boosts.keys()], boosts);
  }

  /** BM25 over the passages with MiniSearch's coordination factor removed, best first. */
  #rank(terms: string[], boosts?: ReadonlyMap<string, number>): { passage: StoredPassage; score: number }[] {
    const { k1, b, titleBoost, fuzzyUnknownTerms } = this.#settings;
    const results = this.#engine.search('', {
      tokenize: () => terms,
      processTerm: (term) => term,
      // MiniSearch reads a boost of 0 as "unset" (1), so a disabled title field is left out instead.
      fields: titleBoost > 0 ? ['content', 'title'] : ['content'],
      boost: { content: 1, title: titleBoost },
      bm25: { k: k1, b, d: 0 },
      combineWith: 'OR',
      ...(boosts ? { boostTerm: (term: string) => boosts.get(term) ?? 1 } : {}),
      fuzzy: (term) => (fuzzyUnknownTerms > 0 && !this.#termCounts.has(term) ? fuzzyUnknownTerms : false),
    });
    const ranked: { passage: StoredPassage; score: number }[] = [];
    for (const result of results) {
      const passage = this.#passages.get(result.id as number);
      if (passage === undefined) continue;
      // MiniSearch multiplies each score by the number of query terms matched; divide it back out.
      ranked.push({ passage, score: result.score / Math.max(1, result.queryTerms.length) });
    }
    return ranked.sort((x, y) => y.score - x.score);
  }

  #store(passage: Passage, title: string): StoredPassage {
    const titleText = passage.heading === null ? title : `${title}\n${passage.heading}`;
    const titleTerms = this.#analyzer.terms(titleText);
    const terms = titleTerms.concat(this.#analyzer.terms(passage.text));
    const stored: StoredPassage = { ...passage, key: this.#nextKey++, title, terms, titleTerms };
    this.#passages.set(stored.key, stored);
    this.#termCounts.add(terms);
    return stored;
  }

  #unindex(document: StoredDocument): void {
    for (const passage of document.passages) {
      this.#engine.remove(passage);
      this.#passages.delete(passage.key);
      this.#termCounts.remove(passage.terms);
    }
  }
}
