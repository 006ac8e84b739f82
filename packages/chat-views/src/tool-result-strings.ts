/**
 * The words of the tool-result views (product cards, shipment tracking, help articles), in one place for
 * every app that shows them: the customer's widget and the staff console's transcripts.
 */
export const TOOL_RESULT_STRINGS = {
  rating: (r: number, n: number) => `Rated ${r.toFixed(1)} out of 5 (${n} reviews)`,
  order: (n: string) => `Order ${n}`,
  expected: (d: string) => `Expected delivery: ${d}`,
  delivered: (d: string) => `Delivered: ${d}`,
  track: 'Track the parcel',
  helpArticles: 'Help articles',
} as const;
