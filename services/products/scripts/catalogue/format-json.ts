/**
 * Deterministic, diff-friendly JSON: like JSON.stringify(value, null, 2), except that short objects and
 * arrays of plain values (a variant, a tag list) stay on one line. Key order is insertion order.
 */
const INLINE_LIMIT = 160;

const isPlain = (value: unknown): boolean => value === null || typeof value !== 'object';

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{ ${entries.map(([key, v]) => `${JSON.stringify(key)}: ${JSON.stringify(v)}`).join(', ')} }`;
}

function format(value: unknown, indent: string): string {
  if (isPlain(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPlain)) {
      const flat = inline(value);
      if (flat.length + indent.length <= INLINE_LIMIT) return flat;
    }
    return `[\n${value.map((item) => inner + format(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => isPlain(v))) {
    const flat = inline(value);
    if (flat.length + indent.length <= INLINE_LIMIT) return flat;
  }
  return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
}

export const formatJson = (value: unknown): string => `${format(value, '')}\n`;
