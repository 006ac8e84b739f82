import type { Gender, Season } from './product.ts';

/**
 * Exact product filters; every one given must hold for a product to be returned. Variant-level filters
 * (size, colour, in stock) select the variants the price bounds are judged on: "under €150 in size 44"
 * means a size-44 variant costs at most €150.
 */
export interface ProductFilters {
  category?: string;
  /** The product's lowest price among the selected variants is at least this (minor units). */
  minPriceMinor?: number;
  /** …and at most this (minor units). */
  maxPriceMinor?: number;
  waterproof?: boolean;
  /** men/women also match unisex products; kids and unisex match only themselves. */
  gender?: Gender;
  /** A season also matches all-season products. */
  season?: Season;
  /** Normalised by `normalizeSize`: the product comes in this size. */
  size?: string;
  /** Normalised by `normalizeColour`: the product comes in this colour (or a colour named with this word). */
  colour?: string;
  /** Some selected variant has stock. */
  inStock?: boolean;
}
