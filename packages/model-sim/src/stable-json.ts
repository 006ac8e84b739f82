/**
 * JSON with object keys sorted, so equal content always serialises (and hashes) the same whatever the
 * key order a client used. `omitKeys` leaves out fields that must not count (`cache_control` for caching).
 */
export function stableJson(value: unknown, omitKeys: ReadonlySet<string> = NO_KEYS): string {
  return JSON.stringify(sortKeys(value, omitKeys));
}

const NO_KEYS: ReadonlySet<string> = new Set();

function sortKeys(value: unknown, omitKeys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, omitKeys));
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (omitKeys.has(key)) continue;
    sorted[key] = sortKeys((value as Record<string, unknown>)[key], omitKeys);
  }
  return sorted;
}
