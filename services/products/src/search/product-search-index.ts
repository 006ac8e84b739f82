import MiniSearch from 'minisearch';
import { type AnalyzedQuery, analyzeQuery } from './analyze-query.ts';
import { buildQueryLexicon } from './build-query-lexicon.ts';
import { stemPairs, textStems } from './content-stems.ts';
import { describeAttributes } from './describe-attributes.ts';
import type { SearchableProduct } from './searchable-product.ts';
import { preferenceWeight } from './stated-preferences.ts';

/**
 * Field weights: a word in the product's name or the shop's own tags says far more about what the product
 * is than the same word in its description ("rain" in a boot's description: "for wet autumn walks in the
 * rain"). `phrases` holds stem pairs of the name, tags and category, so "rain jacket" as a phrase beats
 * "rain" and "jacket" found apart.
 */
export const FIELD_BOOSTS = {
  name: 3,
  brand: 2,
  category: 2,
  tags: 1.5,
  phrases: 1.5,
  features: 1,
  colours: 1,
  description: 0.4,
} as const;

type Field = keyof typeof FIELD_BOOSTS;
const FIELDS = Object.keys(FIELD_BOOSTS) as Field[];

/** A product as indexed: every field already analysed into space-separated terms. */
type IndexedDocument = { id: string } & Record<Field, string>;

/** One ranked match. */
export interface ScoredProduct {
  id: string;
  score: number;
}

/** The in-memory full-text index of the catalogue, built once from the database at startup. */
export interface ProductSearchIndex {
  readonly size: number;
  /** The customer's words as this catalogue reads them (spelling, synonyms, preferences). */
  analyze(text: string): AnalyzedQuery;
  /** Products matching the analysed query, best first. */
  rank(query: AnalyzedQuery): ScoredProduct[];
}

/**
 * Edit distance allowed, as a share of its length, for a word that is neither in the catalogue nor
 * correctable by the spelling corrector (MiniSearch's Levenshtein fuzzy match, at its default weight).
 */
const APPROXIMATE_FUZZINESS = 0.34;

function toDocument(product: SearchableProduct): IndexedDocument {
  const stems = (text: string) => textStems(text).join(' ');
  const phraseSources = [product.name, product.categoryLabel, ...product.tags];
  return {
    id: product.id,
    name: stems(product.name),
    brand: stems(product.brand),
    category: stems(`${product.categoryLabel} ${product.subcategory.replaceAll('-', ' ')}`),
    tags: product.tags.map(stems).join(' '),
    phrases: phraseSources.flatMap((text) => stemPairs(textStems(text))).join(' '),
    features: stems(describeAttributes(product)),
    colours: stems(product.colours.join(' ')),
    description: stems(product.description),
  };
}

/**
 * Builds the index (MiniSearch: BM25+ over weighted fields). Analysis is ours (fold, stopwords, Porter
 * stems, stem pairs, shop synonyms, spelling correction) so indexing and querying share it exactly;
 * MiniSearch receives ready terms and does the ranking.
 */
export function createProductSearchIndex(products: readonly SearchableProduct[]): ProductSearchIndex {
  const splitTerms = (text: string) => (text ? text.split(' ') : []);
  const index = new MiniSearch<IndexedDocument>({
    fields: FIELDS,
    tokenize: splitTerms,
    processTerm: (term) => term,
  });
  index.addAll(products.map(toDocument));
  const lexicon = buildQueryLexicon(products);
  const byId = new Map(products.map((product) => [product.id, product]));

  const searchOptions = {
    tokenize: splitTerms,
    processTerm: (term: string) => term,
    boost: FIELD_BOOSTS,
    combineWith: 'OR',
  } as const;

  return {
    size: index.documentCount,
    analyze: (text) => analyzeQuery(text, lexicon),
    rank(query) {
      const totals = new Map<string, number>();
      for (const clause of query.clauses) {
        // A clause scores its best alternative: synonyms widen what matches, they do not add up.
        const best = new Map<string, number>();
        for (const alternative of clause.alternatives) {
          const results = index.search(alternative.terms.join(' '), {
            ...searchOptions,
            fuzzy: alternative.approximate ? APPROXIMATE_FUZZINESS : false,
            prefix: alternative.approximate ?? false,
          });
          for (const result of results) {
            const id = String(result.id);
            best.set(id, Math.max(best.get(id) ?? 0, result.score * alternative.weight));
          }
        }
        for (const [id, score] of best) totals.set(id, (totals.get(id) ?? 0) + score);
      }
      return [...totals]
        .map(([id, score]) => {
          const product = byId.get(id);
          return { id, score: product ? score * preferenceWeight(query.preferences, product) : score };
        })
        .sort((a, b) => b.score - a.score);
    },
  };
}
