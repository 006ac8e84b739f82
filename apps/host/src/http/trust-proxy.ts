import { isIP } from 'node:net';

/** express's `trust proxy` value: a hop count, or the addresses/CIDRs (and proxy-addr names) to trust. */
export type TrustProxy = number | string[];

/** More hops than any real chain (CDN, load balancer, ingress): a larger count is a typo. */
const MAX_HOPS = 10;
/** proxy-addr's names for the private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads `TRUST_PROXY`: a hop count (`1` = the one ingress in front of the host) or comma-separated addresses
 * and CIDRs (`10.0.0.0/8, 127.0.0.1`, or `loopback`/`linklocal`/`uniquelocal`). `true`/`*` (trust every hop)
 * is refused: any client could then choose its own address by sending `X-Forwarded-For`. Throws an Error
 * whose message says what is wrong.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > MAX_HOPS) throw new Error(`a hop count must be 1–${MAX_HOPS} (unset trusts no proxy)`);
    return hops;
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('must be a hop count or comma-separated addresses/CIDRs');
  for (const entry of entries) {
    if (!isTrustedRange(entry)) {
      throw new Error(
        `has "${entry}", which is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal` +
          ' (trusting every proxy would let any client forge its address)',
      );
    }
  }
  return entries;
}

function isTrustedRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
