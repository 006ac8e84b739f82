import type { ProductVariant } from './product.ts';

/** What a customer asked for of a product; normalised (see `normalizeSize`, `normalizeColour`). */
export interface VariantRequest {
  size?: string;
  colour?: string;
}

/** The variant is in the requested size (compared upper-cased, as in SQL). */
export function hasSize(variant: ProductVariant, size: string): boolean {
  return variant.size.toUpperCase() === size;
}

/** The variant is in the requested colour, or a colour named with that word ("green": "Forest Green"). */
export function hasColour(variant: ProductVariant, colour: string): boolean {
  const name = variant.colour.toLowerCase();
  return name === colour || name.split(' ').includes(colour);
}

/** The variants matching a request, with the same rules as the SQL filters. */
export function selectVariants(variants: readonly ProductVariant[], request: VariantRequest): ProductVariant[] {
  return variants.filter(
    (variant) =>
      (request.size === undefined || hasSize(variant, request.size)) &&
      (request.colour === undefined || hasColour(variant, request.colour)),
  );
}
