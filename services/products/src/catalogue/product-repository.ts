import type { Database } from '@shopchat/postgres';
import type { SearchableProduct } from '../search/searchable-product.ts';
import { type CategorySummary, listCategories } from './list-categories.ts';
import { findProduct, loadProducts } from './load-products.ts';
import { loadSearchableProducts } from './load-searchable-products.ts';
import { type FilterMatch, matchFilters } from './match-filters.ts';
import type { Product } from './product.ts';
import type { ProductFilters } from './product-filters.ts';

/**
 * The catalogue in SQL. Read-only: no tool of this server changes a row. Stock, prices and the filters
 * are always read live from here; only the words of products are copied into the search index.
 */
export interface ProductRepository {
  loadSearchableProducts(): Promise<SearchableProduct[]>;
  matchFilters(filters: ProductFilters, among?: readonly string[]): Promise<Map<string, FilterMatch>>;
  loadProducts(ids: readonly string[]): Promise<Product[]>;
  findProduct(idOrSku: string): Promise<Product | null>;
  listCategories(): Promise<CategorySummary[]>;
}

/** The repository over a database handle (PostgreSQL or PGlite alike). */
export function createProductRepository(db: Database): ProductRepository {
  return {
    loadSearchableProducts: () => loadSearchableProducts(db),
    matchFilters: (filters, among) => matchFilters(db, filters, among),
    loadProducts: (ids) => loadProducts(db, ids),
    findProduct: (idOrSku) => findProduct(db, idOrSku),
    listCategories: () => listCategories(db),
  };
}
