import type { Gender, Product } from './product.ts';
import type { ProductFilters } from './product-filters.ts';
import { hasColour, hasSize } from './select-variants.ts';

/** How a product meets the filters, from its variants. */
export interface FilterMatch {
  /** Lowest price among the variants the size, colour and stock filters select (minor units). */
  priceFromMinor: number;
  /** Units in stock across those variants. */
  unitsInStock: number;
  rating: number;
  reviewCount: number;
  gender: Gender;
}

/** Price and stock over a set of a product's variants. */
export interface VariantTotals {
  priceFromMinor: number;
  unitsInStock: number;
}

/** Over every variant: what a filter without size, colour or in-stock selects. */
export function totalsOverEveryVariant(product: Product): VariantTotals {
  let priceFromMinor = Number.POSITIVE_INFINITY;
  let unitsInStock = 0;
  for (const variant of product.variants) {
    unitsInStock += variant.stock;
    priceFromMinor = Math.min(priceFromMinor, variant.priceMinor);
  }
  return { priceFromMinor, unitsInStock };
}

/**
 * The product's match when no filter selects variants (most searches): computed once per snapshot and
 * frozen, so a search hands out the same object instead of building one per product per call.
 */
export function everyVariantMatch(product: Product): FilterMatch {
  return Object.freeze({
    ...totalsOverEveryVariant(product),
    rating: product.rating,
    reviewCount: product.reviewCount,
    gender: product.gender,
  });
}

/**
 * How the product meets every filter, or null when it misses one. The filters are applied exactly, never
 * left to ranking (README, "Filter semantics"): men/women include unisex, all-season matches every season,
 * size and colour select variants, the price bounds judge the cheapest selected variant, and in-stock
 * keeps products with a selected variant in stock.
 */
export function matchFilters(
  product: Product,
  filters: ProductFilters,
  everyVariant?: FilterMatch,
): FilterMatch | null {
  if (filters.category !== undefined && product.categoryId !== filters.category) return null;
  if (filters.waterproof !== undefined && product.waterproof !== filters.waterproof) return null;
  if (
    filters.gender !== undefined &&
    product.gender !== filters.gender &&
    !(product.gender === 'unisex' && (filters.gender === 'men' || filters.gender === 'women'))
  ) {
    return null;
  }
  if (filters.season !== undefined && product.season !== filters.season && product.season !== 'all-season') {
    return null;
  }
  const whole = everyVariant && filters.size === undefined && filters.colour === undefined && filters.inStock !== true;
  const totals = whole ? everyVariant : selectedTotals(product, filters);
  if (!totals) return null;
  const { priceFromMinor, unitsInStock } = totals;
  if (filters.minPriceMinor !== undefined && priceFromMinor < filters.minPriceMinor) return null;
  if (filters.maxPriceMinor !== undefined && priceFromMinor > filters.maxPriceMinor) return null;
  if (whole) return everyVariant;
  return {
    priceFromMinor,
    unitsInStock,
    rating: product.rating,
    reviewCount: product.reviewCount,
    gender: product.gender,
  };
}

/** Totals over the variants the size, colour and in-stock filters select; null when none is selected. */
function selectedTotals(product: Product, filters: ProductFilters): VariantTotals | null {
  let priceFromMinor = Number.POSITIVE_INFINITY;
  let unitsInStock = 0;
  let selected = 0;
  for (const variant of product.variants) {
    if (filters.size !== undefined && !hasSize(variant, filters.size)) continue;
    if (filters.colour !== undefined && !hasColour(variant, filters.colour)) continue;
    if (filters.inStock === true && variant.stock <= 0) continue;
    selected++;
    unitsInStock += variant.stock;
    priceFromMinor = Math.min(priceFromMinor, variant.priceMinor);
  }
  return selected === 0 ? null : { priceFromMinor, unitsInStock };
}
