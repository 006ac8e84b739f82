/** A department of the shop and how much is in it now. */
export interface CategorySummary {
  id: string;
  label: string;
  productCount: number;
  /** Products with at least one variant in stock. */
  inStockCount: number;
}
