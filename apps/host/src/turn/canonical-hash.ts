import { createHash } from 'node:crypto';

/**
 * Deeper than any tool's arguments by far, and far short of the stack: callers bound client input first
 * (`jsonShapeProblem`, a 400); this is the backstop that fails as a TypeError, not a stack overflow.
 */
const MAX_DEPTH = 256;

/** sha256 of a value's canonical JSON (object keys sorted): equal inputs hash equal whatever their key order. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value, 0)).digest('hex');
}

/** JSON with object keys sorted and `undefined` members left out: one text per value, whatever its key order. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new TypeError(`canonicalHash: the value is nested deeper than ${MAX_DEPTH} levels`);
  const inner = (v: unknown) => canonicalJson(v, depth + 1);
  if (Array.isArray(value)) return `[${value.map(inner).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${inner(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
