import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Characters after the prefix, as in the real API's ids (`toolu_01A09q90qw90lq917835lq9`). */
const ID_LENGTH = 24;

/**
 * An id shaped like the real API's (`msg_…`, `toolu_…`: prefix + 24 base62 characters), derived from a
 * seed: the same request gives the same ids, so tests and recorded conversations are stable.
 */
export function deterministicId(prefix: 'msg_' | 'toolu_', seed: string): string {
  return prefix + toBase62(createHash('sha256').update(seed).digest());
}

/** A fresh `req_…` id for the `request-id` header and error bodies. */
export function randomRequestId(): string {
  return `req_${toBase62(randomBytes(32))}`;
}

function toBase62(bytes: Buffer): string {
  let id = '';
  for (let index = 0; index < ID_LENGTH; index++) id += BASE62[(bytes[index] ?? 0) % BASE62.length];
  return id;
}
