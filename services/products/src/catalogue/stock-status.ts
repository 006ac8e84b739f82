/** At most this many units left reads as "low stock": the catalogue's "only 1–3 left" band. */
export const LOW_STOCK_MAX_UNITS = 3;

export const STOCK_STATUSES = ['in_stock', 'low_stock', 'sold_out'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

/** The status of a number of units in stock (of one variant, or summed over several). */
export function stockStatus(units: number): StockStatus {
  if (units <= 0) return 'sold_out';
  return units <= LOW_STOCK_MAX_UNITS ? 'low_stock' : 'in_stock';
}

/** The status in words, ready to show: "In stock", "Only 2 left", "Sold out". */
export function stockLabel(units: number): string {
  const status = stockStatus(units);
  if (status === 'sold_out') return 'Sold out';
  return status === 'low_stock' ? `Only ${units} left` : 'In stock';
}
