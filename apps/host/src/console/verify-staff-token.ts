import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { createJwtKeys } from '../identity/jwt-keys.ts';

/** Defaults, with units. */
export const STAFF_TOKEN_DEFAULTS = {
  /** The `aud` of staff tokens: never `chat`, so a staff token cannot chat and a customer token cannot staff. */
  audience: 'console',
  /** Tolerated clock skew, in seconds. */
  clockToleranceSeconds: 5,
  /** How long a console request waits for the JWKS, in ms. */
  jwksTimeoutMs: 5_000,
} as const;

/** Longer than any real token; refuses to spend time on junk. */
const MAX_TOKEN_LENGTH = 8_192;

export const STAFF_ROLES = ['agent', 'admin'] as const;

/** A verified member of the shop's staff. */
export interface Staff {
  staffId: string;
  role: (typeof STAFF_ROLES)[number];
}

export interface StaffTokenOptions {
  /** `CONSOLE_JWT_SECRET`: HS256 secret (≥ 32 characters). */
  secret?: string;
  /** `CONSOLE_JWKS_URL`: public keys of the staff sign-in, for asymmetric tokens. */
  jwksUrl?: string;
}

/** Turns `Authorization` into the staff member, or throws a 401 {@link ChatApiError}. */
export type VerifyStaffToken = (authorization: string | undefined) => Promise<Staff>;

const StaffClaimsSchema = z.object({
  sub: z.string().min(1).max(128),
  role: z.enum(STAFF_ROLES),
});

/**
 * Builds the verifier of staff tokens: JWTs with `aud: "console"`, `sub` the staff id and `role` `agent` or
 * `admin`, checked like customer tokens (signature, `exp`, audience). Without a secret or JWKS no staff
 * token is accepted, so the console stays shut. Bad options throw a ConfigError at startup.
 */
export function createStaffTokenVerifier(options: StaffTokenOptions): VerifyStaffToken {
  const { getKey, algorithms } = createJwtKeys({
    secret: options.secret,
    jwksUrl: options.jwksUrl,
    jwksTimeoutMs: STAFF_TOKEN_DEFAULTS.jwksTimeoutMs,
    variables: { secret: 'CONSOLE_JWT_SECRET', jwksUrl: 'CONSOLE_JWKS_URL' },
  });
  return async (authorization) => {
    const token = /^Bearer ([\w.~+/-]+=*)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token || token.length > MAX_TOKEN_LENGTH) {
      throw new ChatApiError('token_invalid', 'Sign in with a staff token: "Authorization: Bearer <staff token>".');
    }
    if (algorithms.length === 0) {
      throw new ChatApiError('token_invalid', 'This host accepts no staff tokens (CONSOLE_JWT_SECRET is not set).');
    }
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms,
        audience: STAFF_TOKEN_DEFAULTS.audience,
        clockTolerance: STAFF_TOKEN_DEFAULTS.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      const claims = StaffClaimsSchema.safeParse(payload);
      if (!claims.success) {
        throw new ChatApiError('token_invalid', 'The staff token needs `sub` (staff id) and `role` (agent or admin).');
      }
      return { staffId: claims.data.sub, role: claims.data.role };
    } catch (error) {
      if (error instanceof ChatApiError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new ChatApiError('token_expired', 'The staff token has expired; sign in again.', { cause: error });
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw new ChatApiError('token_audience', 'This token is not a staff token (aud must be "console").', {
          cause: error,
        });
      }
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) {
        throw new ChatApiError('identity_unavailable', 'Staff sign-in cannot be checked right now.', { cause: error });
      }
      throw new ChatApiError('token_invalid', 'The staff token is not valid (signature, algorithm or claims).', {
        cause: error,
      });
    }
  };
}
