import type { ProductRepository } from '../catalogue/product-repository.ts';
import type { SearchProducts } from '../search/search-products.ts';
import type { ProductLinks } from './product-links.ts';

/**
 * What the products server hands every tool factory in `src/tools/*.tool.ts`. A tool that needs nothing
 * from the server may default-export its definition instead of a factory.
 */
export interface ProductToolDeps {
  /** The catalogue with live stock, read from the database. */
  repo: ProductRepository;
  /** The search index built at startup: words plus exact filters. */
  searchProducts: SearchProducts;
  /** Where pictures and product pages are linked from. */
  links: ProductLinks;
  /** The category ids offered to the model as the `category` filter (read at startup). */
  categoryIds: readonly string[];
}
