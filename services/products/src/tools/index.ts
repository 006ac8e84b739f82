import type { AnyToolDefinition } from '@shopchat/mcp-service';
import type { ProductRepository } from '../catalogue/product-repository.ts';
import type { SearchProducts } from '../search/search-products.ts';
import { createCheckAvailabilityTool } from './check-availability-tool.ts';
import { createGetProductTool } from './get-product-tool.ts';
import { createListCategoriesTool } from './list-categories-tool.ts';
import type { ProductLinks } from './product-links.ts';
import { createSearchProductsTool } from './search-products-tool.ts';

export interface ProductToolsOptions {
  repo: ProductRepository;
  searchProducts: SearchProducts;
  links: ProductLinks;
  /** The category ids offered to the model as the `category` filter (read at startup). */
  categoryIds: readonly string[];
}

/**
 * The products server's tools: all read-only and open to anonymous visitors. Adding a capability means
 * adding one definition here.
 */
export function createProductTools(options: ProductToolsOptions): AnyToolDefinition[] {
  return [
    createSearchProductsTool(options),
    createGetProductTool(options.repo, options.links),
    createCheckAvailabilityTool(options),
    createListCategoriesTool(options.repo),
  ];
}
