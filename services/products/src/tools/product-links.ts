import type { ProductImages } from '../http/product-images.ts';

/** Absolute URLs a product card links to. */
export interface ProductLinks {
  /** The picture served by this service, e.g. `http://127.0.0.1:3102/images/boot-brown.svg?v=…`. */
  picture(file: string): string;
  /** The product's page on the shop's site, e.g. `https://shop.example/products/<id>`. */
  page(productId: string): string;
}

/** Links from the configured public URLs (both without a trailing slash). */
export function createProductLinks(options: {
  publicUrl: string;
  shopBaseUrl: string;
  images: Pick<ProductImages, 'path'>;
}): ProductLinks {
  return {
    picture: (file) => `${options.publicUrl}${options.images.path(file)}`,
    page: (productId) => `${options.shopBaseUrl}/products/${encodeURIComponent(productId)}`,
  };
}
