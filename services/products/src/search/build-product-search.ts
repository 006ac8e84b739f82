import type { ProductRepository } from '../catalogue/product-repository.ts';
import { createProductSearchIndex, type ProductSearchIndex } from './product-search-index.ts';
import { createProductSearch, type SearchProducts } from './search-products.ts';

/**
 * Reads every product's words from the database once and indexes them. Products rarely change, so the
 * index lives as long as the process (a catalogue update rolls the Deployment); stock, prices and
 * filters are read live on every search.
 */
export async function buildProductSearch(
  repo: ProductRepository,
): Promise<{ index: ProductSearchIndex; searchProducts: SearchProducts }> {
  const index = createProductSearchIndex(await repo.loadSearchableProducts());
  return { index, searchProducts: createProductSearch(repo, index) };
}
