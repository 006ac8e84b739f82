/** One size × colour of a product, with its live stock. */
export interface ProductVariant {
  sku: string;
  size: string;
  colour: string;
  /** Units in stock now. */
  stock: number;
  /** What this variant costs, in minor units: the product's price unless the variant has its own. */
  priceMinor: number;
  /** Picture file (under public/images) in this variant's colour. */
  image: string;
}

export const GENDERS = ['men', 'women', 'unisex', 'kids'] as const;
export type Gender = (typeof GENDERS)[number];

export const SEASONS = ['summer', '3-season', 'winter', 'all-season'] as const;
export type Season = (typeof SEASONS)[number];

/** A product with everything a customer may see about it. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  brand: string;
  categoryId: string;
  categoryLabel: string;
  subcategory: string;
  description: string;
  /** Current price in minor units (cents). */
  priceMinor: number;
  /** The pre-sale price when the product is on sale, else null. */
  compareAtPriceMinor: number | null;
  currency: string;
  /** Average review rating, 0–5, one decimal. */
  rating: number;
  reviewCount: number;
  gender: Gender;
  season: Season;
  waterproof: boolean;
  attributes: Record<string, unknown>;
  tags: string[];
  /** Picture file (under public/images) of the first colour. */
  image: string;
  /** Every size × colour, in the shop's order. */
  variants: ProductVariant[];
}
