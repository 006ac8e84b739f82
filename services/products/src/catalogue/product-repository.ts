import type { Database } from '@shopchat/postgres';
import type { SearchableProduct } from '../search/searchable-product.ts';
import type { CatalogueSnapshot } from './catalogue-snapshot.ts';
import type { CategorySummary } from './category-summary.ts';
import type { LiveCatalogue } from './live-catalogue.ts';
import { loadSearchableProducts } from './load-searchable-products.ts';
import type { FilterMatch } from './match-filters.ts';
import type { Product } from './product.ts';
import type { ProductFilters } from './product-filters.ts';

/**
 * The catalogue. Read-only: no tool of this server changes a row. Stock, prices and the filters are read
 * from the live in-memory copy (`LiveCatalogue`: current within its staleness bound, 2 s, and usually
 * within milliseconds of a commit); only the words of products are copied into the search index.
 */
export interface ProductRepository {
  /** The current copy itself (confirmed within the bound, else rejected): to key what is computed from it. */
  snapshot(): Promise<CatalogueSnapshot>;
  loadSearchableProducts(): Promise<SearchableProduct[]>;
  matchFilters(filters: ProductFilters, among?: readonly string[]): Promise<Map<string, FilterMatch>>;
  /** One consistent view to match products against `filters` one at a time (`matchOne`, by id). */
  filterMatcher(filters: ProductFilters): Promise<(id: string) => FilterMatch | null>;
  loadProducts(ids: readonly string[]): Promise<Product[]>;
  findProduct(idOrSku: string): Promise<Product | null>;
  listCategories(): Promise<CategorySummary[]>;
}

/** The repository over the live catalogue, and the database for the search index's words. */
export function createProductRepository(db: Database, catalogue: LiveCatalogue): ProductRepository {
  // A copy that cannot be confirmed current rejects.
  const read = async <T>(pick: (snapshot: CatalogueSnapshot) => T) => pick(await catalogue.current());
  return {
    snapshot: () => catalogue.current(),
    loadSearchableProducts: () => loadSearchableProducts(db),
    matchFilters: (filters, among) => read((snapshot) => snapshot.matchFilters(filters, among)),
    filterMatcher: (filters) => read((snapshot) => (id: string) => snapshot.matchOne(id, filters)),
    loadProducts: (ids) => read((snapshot) => snapshot.loadProducts(ids)),
    findProduct: (idOrSku) => read((snapshot) => snapshot.findProduct(idOrSku)),
    listCategories: () => read((snapshot) => snapshot.listCategories()),
  };
}
