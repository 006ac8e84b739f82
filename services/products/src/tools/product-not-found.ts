import { toolFailure } from '@shopchat/mcp-service';

/** The answer for a product id the catalogue does not have. */
export function productNotFound(productId: string) {
  return toolFailure(
    'product_not_found',
    `There is no product "${productId}" in the catalogue. Find the product with search_products and use the id it returns.`,
  );
}
