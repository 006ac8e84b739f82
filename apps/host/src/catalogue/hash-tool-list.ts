import { createHash } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/client';

/**
 * A stable fingerprint of a server's tool list: SHA-256 of its canonical JSON (object keys sorted, tools
 * in name order). Equal lists hash equal whatever order a server emits keys or pages in, so the periodic
 * refresh rebuilds the catalogue only when something the model sees really changed.
 */
export function hashToolList(tools: readonly Tool[]): string {
  const sorted = [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return createHash('sha256').update(canonicalJson(sorted)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const fields = keys
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
