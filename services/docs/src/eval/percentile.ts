/**
 * The p-th percentile (0–100) of a sample by the nearest-rank method: the smallest value that at least
 * p % of the sample is less than or equal to. No interpolation, so the value was actually observed.
 * Returns NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
