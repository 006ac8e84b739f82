/**
 * Why an item goes back. A closed list, so the warehouse can act on it (restock, inspect, report a
 * defect); free text goes in the return's comment. Mirrors the CHECK constraint on `returns.reason`.
 */
export const RETURN_REASONS = [
  'too_small',
  'too_large',
  'not_as_described',
  'defective',
  'wrong_item',
  'changed_mind',
  'other',
] as const;

export type ReturnReason = (typeof RETURN_REASONS)[number];
