import { errors, jwtVerify } from 'jose';
import { ChatApiError } from '../chat/chat-api-error.ts';
import type { ChatCaller } from '../turn/turn-contract.ts';
import { createJwtKeys } from './jwt-keys.ts';

export { isAcceptableJwksUrl } from './jwt-keys.ts';

/** Defaults, with units. */
export const CUSTOMER_TOKEN_DEFAULTS = {
  /** The `aud` the shop's site puts in its customer tokens (docs/architecture.md#identity-and-approval). */
  audience: 'chat',
  /** Tolerated clock skew between the shop's site and the host, in seconds. */
  clockToleranceSeconds: 5,
  /** How long the host waits for the shop's JWKS, in ms: a chat request is held meanwhile. */
  jwksTimeoutMs: 5_000,
} as const;

/** Longer than any real token; refuses to spend time on junk. */
const MAX_TOKEN_LENGTH = 8_192;
const MAX_CUSTOMER_ID_LENGTH = 128;

export interface CustomerTokenOptions {
  /** `CUSTOMER_JWT_SECRET`: HS256 secret shared with the shop's site (≥ 32 characters). */
  secret?: string;
  /** `CUSTOMER_JWKS_URL`: the shop's public keys, for asymmetric tokens. */
  jwksUrl?: string;
  audience?: string;
  /** Expected `iss`; unset: any issuer. */
  issuer?: string;
  clockToleranceSeconds?: number;
  jwksTimeoutMs?: number;
}

/**
 * Turns a request's `Authorization` header into the caller: no header is an anonymous visitor; a valid
 * `Bearer` customer token is that customer; anything else throws a 401 {@link ChatApiError}
 * (`token_invalid`, `token_expired`, `token_audience`) — a bad token is never silently anonymous.
 */
export type VerifyCustomerToken = (authorization: string | undefined) => Promise<ChatCaller>;

const ANONYMOUS: ChatCaller = Object.freeze({ kind: 'anonymous' });

/**
 * Builds the verifier of the shop's customer tokens: HS256 with `secret`, and/or asymmetric keys from
 * `jwksUrl` (fetched lazily and cached by jose). `sub` is the customer id; `aud` and `exp` are required.
 * Bad options throw a {@link ConfigError} naming the variable, at startup.
 */
export function createCustomerTokenVerifier(options: CustomerTokenOptions): VerifyCustomerToken {
  const settings = { ...CUSTOMER_TOKEN_DEFAULTS, ...options };
  const { getKey, algorithms } = createJwtKeys({
    secret: options.secret,
    jwksUrl: options.jwksUrl,
    jwksTimeoutMs: settings.jwksTimeoutMs,
    variables: { secret: 'CUSTOMER_JWT_SECRET', jwksUrl: 'CUSTOMER_JWKS_URL' },
  });

  return async (authorization) => {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer ([\w.~+/-]+=*)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (!token || token.length > MAX_TOKEN_LENGTH) {
      throw new ChatApiError('token_invalid', 'The Authorization header must be "Bearer <customer token>".');
    }
    if (algorithms.length === 0) {
      throw new ChatApiError('token_invalid', 'This host accepts no customer tokens; send the request without one.');
    }
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms,
        audience: settings.audience,
        ...(settings.issuer ? { issuer: settings.issuer } : {}),
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      const customerId = payload.sub;
      if (!customerId || customerId.length > MAX_CUSTOMER_ID_LENGTH) {
        throw new ChatApiError('token_invalid', 'The customer token has no usable subject (customer id).');
      }
      return { kind: 'customer', customerId };
    } catch (error) {
      throw toChatApiError(error);
    }
  };
}

function toChatApiError(error: unknown): ChatApiError {
  if (error instanceof ChatApiError) return error;
  if (error instanceof errors.JWTExpired) {
    return new ChatApiError('token_expired', 'The customer token has expired; sign in again.', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
    return new ChatApiError('token_audience', 'The customer token is not meant for the chat (aud must be "chat").', {
      cause: error,
    });
  }
  // The shop's key server is down or answered junk: our fault to report as such, not the customer's.
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError) ||
    error.code === 'ERR_JOSE_GENERIC'
  ) {
    return new ChatApiError(
      'identity_unavailable',
      'Customer sign-in cannot be checked right now; try again shortly.',
      {
        cause: error,
      },
    );
  }
  return new ChatApiError('token_invalid', 'The customer token is not valid (signature, algorithm or claims).', {
    cause: error,
  });
}
