import { SignJWT } from 'jose';
import { CUSTOMER_TOKEN_DEFAULTS } from './verify-customer-token.ts';

/** The demo shop's signed-in customers (seeded in the orders service). */
export const DEMO_CUSTOMER_IDS = ['cust_alice', 'cust_bob'] as const;

export type DemoCustomerId = (typeof DEMO_CUSTOMER_IDS)[number];

/** A demo token lasts a working day: long enough for a demo, short enough not to leak for long. */
export const DEMO_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface MintCustomerTokenOptions {
  /** The HS256 secret (`CUSTOMER_JWT_SECRET`). */
  secret: string;
  customerId: string;
  /** Seconds from `now`; negative mints an already expired token (tests). */
  ttlSeconds?: number;
  audience?: string;
  issuer?: string;
  /** Epoch ms; default: the clock. */
  now?: number;
}

/**
 * Signs a customer token the way the shop's site does (HS256, `sub`, `aud`, `iat`, `exp`): for `npm start`
 * to print demo tokens, and for tests.
 */
export async function mintCustomerToken(options: MintCustomerTokenOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.customerId)
    .setAudience(options.audience ?? CUSTOMER_TOKEN_DEFAULTS.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? DEMO_TOKEN_TTL_SECONDS));
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret));
}

/** One token per demo customer, keyed by customer id. */
export async function mintDemoCustomerTokens(
  secret: string,
  options: { ttlSeconds?: number; now?: number } = {},
): Promise<Record<DemoCustomerId, string>> {
  const mint = (customerId: DemoCustomerId) => mintCustomerToken({ secret, customerId, ...options });
  const [alice, bob] = await Promise.all([mint('cust_alice'), mint('cust_bob')]);
  return { cust_alice: alice, cust_bob: bob };
}
