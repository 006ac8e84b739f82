import { LRUCache } from 'lru-cache';
import type { FilterMatch } from '../catalogue/match-filters.ts';
import type { Product } from '../catalogue/product.ts';
import type { ProductFilters } from '../catalogue/product-filters.ts';
import type { ProductRepository } from '../catalogue/product-repository.ts';
import type { AnalyzedQuery } from './analyze-query.ts';
import { extractQueryFilters } from './extract-query-filters.ts';
import type { ProductSearchIndex, ScoredProduct } from './product-search-index.ts';
import { type Audience, audienceWeight } from './query-audience.ts';

export const SORT_ORDERS = ['relevance', 'price_asc', 'price_desc', 'rating'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface ProductSearchRequest {
  /** The customer's words; empty for pure filtering. */
  query: string;
  filters: ProductFilters;
  sort: SortOrder;
  limit: number;
}

export interface ProductSearchHit {
  product: Product;
  /** Price and stock over the variants the filters select. */
  match: FilterMatch;
}

export interface ProductSearchResult {
  hits: ProductSearchHit[];
  /** Products that match the words and every filter (more than `hits` when the limit cut the list). */
  totalMatches: number;
  /** The filters applied: the caller's, plus any stated in the words ("size 44", "under €150"). */
  filters: ProductFilters;
  /** The words searched after spelling correction; empty for pure filtering. */
  searchedText: string;
  corrections: { from: string; to: string }[];
}

/**
 * Matches scoring under this share of the best match are dropped: a word found only in a description
 * ("rain" in a boot's) should not list a boot among rain jackets.
 */
export const RELEVANCE_FLOOR = 0.2;
/**
 * Sorting by price or rating reorders only the good matches (at least this share of the best score), so
 * "rain jacket, cheapest first" starts with a rain jacket, not with the cheapest thing that says "rain".
 */
export const SORTED_FLOOR = 0.45;
/** Relevance multiplier for products sold out in what was asked for: they follow those one can buy. */
export const SOLD_OUT_WEIGHT = 0.6;

/**
 * Distinct texts whose analysis and text ranking are remembered. Both depend only on the words and the
 * index, which is fixed for the life of the process, so a repeated search skips them; prices, stock
 * and filters are still read from the live catalogue on every call. 1,000 × a few KB at most.
 */
export const RANKING_CACHE_ENTRIES = 1_000;

interface Candidate {
  id: string;
  score: number;
  match: FilterMatch;
}

const byRating = (a: Candidate, b: Candidate) =>
  b.match.rating - a.match.rating || b.match.reviewCount - a.match.reviewCount || a.id.localeCompare(b.id);

const ORDERINGS: Record<SortOrder, (a: Candidate, b: Candidate) => number> = {
  relevance: (a, b) => b.score - a.score || byRating(a, b),
  price_asc: (a, b) => a.match.priceFromMinor - b.match.priceFromMinor || byRating(a, b),
  price_desc: (a, b) => b.match.priceFromMinor - a.match.priceFromMinor || byRating(a, b),
  rating: byRating,
};

/**
 * The product search: words ranked by the in-memory index, filters applied exactly in SQL on live data,
 * then ordered and cut to the limit. With no searchable words it is a pure filter, best rated first.
 */
export function createProductSearch(repo: ProductRepository, index: ProductSearchIndex) {
  const rankings = new LRUCache<string, { analyzed: AnalyzedQuery; ranked: readonly ScoredProduct[] }>({
    max: RANKING_CACHE_ENTRIES,
  });
  const rankText = (text: string) => {
    let found = rankings.get(text);
    if (!found) {
      const analyzed = index.analyze(text);
      found = { analyzed, ranked: analyzed.clauses.length > 0 ? index.rank(analyzed) : [] };
      rankings.set(text, found);
    }
    return found;
  };
  return async function searchProducts(request: ProductSearchRequest): Promise<ProductSearchResult> {
    const stated = extractQueryFilters(request.query);
    const { text, ...statedFilters } = stated;
    const filters: ProductFilters = { ...statedFilters, ...request.filters };
    const { analyzed, ranked } = rankText(text);
    // The gender filter says who the shopper is when the words do not.
    const audience = analyzed.audience ?? (filters.gender && filters.gender !== 'unisex' ? filters.gender : null);
    let candidates: Candidate[];
    if (analyzed.clauses.length === 0) {
      const matches = await repo.matchFilters(filters);
      candidates = [...matches].map(([id, match]) => ({ id, match, score: match.unitsInStock > 0 ? 1 : 0 }));
    } else {
      candidates = rankedCandidates(ranked, await repo.filterMatcher(filters), audience, request.sort);
    }
    candidates.sort(ORDERINGS[request.sort]);

    const top = candidates.slice(0, request.limit);
    const products = await repo.loadProducts(top.map((candidate) => candidate.id));
    const byId = new Map(products.map((product) => [product.id, product]));
    return {
      hits: top.flatMap(({ id, match }) => {
        const product = byId.get(id);
        return product ? [{ product, match }] : [];
      }),
      totalMatches: candidates.length,
      filters,
      searchedText: analyzed.clauses.length > 0 ? analyzed.searchedText : '',
      corrections: analyzed.corrections,
    };
  };
}

export type SearchProducts = ReturnType<typeof createProductSearch>;

/**
 * The text matches that meet every filter and score at least the floor's share of the best, in ranked
 * order. A product's score is its text score times weights of at most 1 (stock, audience), and `ranked`
 * comes best first, so once a text score falls under the floor of the best score so far no later product
 * can reach the final floor: the walk stops there instead of filtering every text match (most of the 279
 * matches of "waterproof hiking boots" sit far under the floor).
 */
function rankedCandidates(
  ranked: readonly ScoredProduct[],
  match: (id: string) => FilterMatch | null,
  audience: Audience | null,
  sort: SortOrder,
): Candidate[] {
  const share = sort === 'relevance' ? RELEVANCE_FLOOR : SORTED_FLOOR;
  const candidates: Candidate[] = [];
  let best = 0;
  for (const { id, score: textScore } of ranked) {
    if (textScore < share * best) break;
    const found = match(id);
    if (!found) continue;
    const stock = found.unitsInStock > 0 ? 1 : SOLD_OUT_WEIGHT;
    const score = textScore * stock * audienceWeight(audience, found.gender);
    if (score > best) best = score;
    candidates.push({ id, match: found, score });
  }
  const floor = share * best;
  return candidates.filter((candidate) => candidate.score >= floor);
}
