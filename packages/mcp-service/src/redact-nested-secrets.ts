/** Keys whose values never reach a log at any depth, compared lower-case: credentials of every kind. */
const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'token',
  'customertoken',
  'accesstoken',
  'refreshtoken',
  'password',
  'secret',
  'apikey',
  'x-api-key',
  'privatekey',
]);

/** Deeper than any log call's object; beyond it nothing is walked (and nothing logged from there). */
const MAX_DEPTH = 8;
const CENSOR = '[redacted]';

/**
 * A pino `formatters.log`: the log object with every value under a secret key replaced, however deeply it
 * is nested in plain objects and arrays (pino's `redact` paths name fixed positions only). Copies only what
 * it changes; the caller's objects are never modified. Errors and other class instances are left to their
 * serializers.
 */
export function redactNestedSecrets(object: Record<string, unknown>): Record<string, unknown> {
  return redact(object, 0) as Record<string, unknown>;
}

function redact(value: unknown, depth: number): unknown {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) {
    const items = value.map((item) => redact(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const next = SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : redact(inner, depth + 1);
    if (next !== inner) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
