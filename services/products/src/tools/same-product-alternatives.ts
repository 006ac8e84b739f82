import type { ProductVariant } from '../catalogue/product.ts';
import { hasColour, hasSize, type VariantRequest } from '../catalogue/select-variants.ts';

/** Most alternative variants offered: enough to choose from, few enough to read out. */
export const MAX_SAME_PRODUCT_ALTERNATIVES = 8;

/**
 * In-stock variants of the same product closest to a request that is sold out: the requested size in
 * other colours first, then the requested colour (or any colour) in the nearest sizes. None when the
 * product is not made in the requested size: its other sizes would not fit.
 */
export function sameProductAlternatives(
  variants: readonly ProductVariant[],
  request: VariantRequest,
): ProductVariant[] {
  const sizes = [...new Set(variants.map((v) => v.size))];
  const wanted = request.size === undefined ? -1 : sizes.findIndex((size) => size.toUpperCase() === request.size);
  if (request.size !== undefined && wanted === -1) return [];
  const distance = (v: ProductVariant) => (wanted === -1 ? 0 : Math.abs(sizes.indexOf(v.size) - wanted));
  const rank = (v: ProductVariant) => {
    const sameSize = request.size !== undefined && hasSize(v, request.size);
    const sameColour = request.colour !== undefined && hasColour(v, request.colour);
    return sameSize ? 0 : sameColour || request.colour === undefined ? 1 : 2;
  };
  return variants
    .filter((v) => v.stock > 0)
    .map((v, position) => ({ v, position }))
    .sort((a, b) => rank(a.v) - rank(b.v) || distance(a.v) - distance(b.v) || a.position - b.position)
    .map(({ v }) => v)
    .slice(0, MAX_SAME_PRODUCT_ALTERNATIVES);
}
