/** What the search index reads of a product: its words, never its stock or price (those are live in SQL). */
export interface SearchableProduct {
  id: string;
  name: string;
  brand: string;
  categoryLabel: string;
  subcategory: string;
  tags: readonly string[];
  description: string;
  gender: string;
  season: string;
  waterproof: boolean;
  /** Category-specific attributes, as stored (jsonb). */
  attributes: Record<string, unknown>;
  /** Every colour the product comes in. */
  colours: readonly string[];
}
