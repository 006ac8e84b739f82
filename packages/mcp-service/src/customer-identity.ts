import { errors, importJWK, importSPKI, type JWK, jwtVerify } from 'jose';
import { ConfigError } from './errors.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

/** Who is calling a tool: a signed-in customer vouched for by the host, or an anonymous visitor. */
export type Caller = { kind: 'customer'; customerId: string } | { kind: 'anonymous' };

export const ANONYMOUS: Caller = Object.freeze({ kind: 'anonymous' });

/**
 * Where the host puts the customer's identity token on a `tools/call`: the request's `_meta`, so the
 * same channel works over HTTP and stdio and the model never sees or fills it.
 */
export const CUSTOMER_TOKEN_META_KEY = 'dev.shopchat/customer-token';

/** The only algorithm accepted: asymmetric, so a server holding the public key cannot mint identities. */
export const IDENTITY_ALGORITHM = 'EdDSA';

/** Default `iss` of identity tokens. */
export const DEFAULT_IDENTITY_ISSUER = 'shopchat-host';

/** Longest life an identity token may claim; the host mints one per call with about a minute of life. */
const MAX_TOKEN_AGE_SECONDS = 120;
/** Tolerated clock skew between host and server pods. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Verified tokens remembered per server process (a few hundred bytes each). */
const VERIFIED_TOKEN_CACHE_ENTRIES = 4_096;

export type IdentityResult =
  | { ok: true; caller: Caller }
  | { ok: false; reason: 'expired' | 'wrong_audience' | 'invalid' | 'not_accepted' };

export interface CustomerIdentityVerifierOptions {
  /** The receiving server's name: tokens must carry it as `aud`. */
  audience: string;
  /** Ed25519 public key of the host, as SPKI PEM or a JWK JSON string; unset: no token is accepted. */
  publicKey?: string;
  /** Expected `iss`. */
  issuer?: string;
  /** Injected clock (epoch ms), for tests. */
  now?: () => number;
}

export interface CustomerIdentityVerifier {
  /** Verifies an identity token; no token at all is an anonymous caller, never an error. */
  verify(token: unknown): Promise<IdentityResult>;
}

/**
 * Builds the verifier of the host-signed customer identity tokens (see docs/decisions/0004). The key is
 * imported once, at startup; a malformed key stops the service with a message naming the variable.
 */
export async function createCustomerIdentityVerifier(
  options: CustomerIdentityVerifierOptions,
): Promise<CustomerIdentityVerifier> {
  const key = options.publicKey ? await importPublicKey(options.publicKey) : undefined;
  const issuer = options.issuer ?? DEFAULT_IDENTITY_ISSUER;
  const now = options.now ?? Date.now;
  // Only successes are remembered, and only within their life: expiry is checked on every call.
  const verified = new VerifiedTokenCache(VERIFIED_TOKEN_CACHE_ENTRIES);
  return {
    async verify(token) {
      if (token === undefined || token === null || token === '') return { ok: true, caller: ANONYMOUS };
      if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'invalid' };
      if (!key) return { ok: false, reason: 'not_accepted' };
      const at = now();
      const known = verified.get(token, at);
      if (known !== undefined) return { ok: true, caller: { kind: 'customer', customerId: known } };
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [IDENTITY_ALGORITHM],
          audience: options.audience,
          issuer,
          maxTokenAge: MAX_TOKEN_AGE_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['sub', 'exp', 'iat'],
          currentDate: new Date(at),
        });
        const customerId = payload.sub;
        if (!customerId || customerId.length > 128) return { ok: false, reason: 'invalid' };
        // `exp` and `iat` are present (required claims) and numeric (checked by jwtVerify).
        const validUntilSeconds = Math.min(payload.exp as number, (payload.iat as number) + MAX_TOKEN_AGE_SECONDS);
        verified.set(token, customerId, validUntilSeconds * 1000, at);
        return { ok: true, caller: { kind: 'customer', customerId } };
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
          return { ok: false, reason: 'wrong_audience' };
        }
        return { ok: false, reason: 'invalid' };
      }
    },
  };
}

type VerificationKey = Exclude<Parameters<typeof jwtVerify>[1], (...args: never) => unknown>;

async function importPublicKey(text: string): Promise<VerificationKey> {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) return await importJWK(JSON.parse(trimmed) as JWK, IDENTITY_ALGORITHM);
    return await importSPKI(trimmed.replaceAll('\\n', '\n'), IDENTITY_ALGORITHM);
  } catch (cause) {
    throw new ConfigError(
      'MCP_IDENTITY_PUBLIC_KEY',
      'is not an Ed25519 public key (SPKI PEM or JWK JSON); print one with `npm run keys -w packages/mcp-service`',
      { cause },
    );
  }
}
