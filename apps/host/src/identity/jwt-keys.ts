import { ConfigError } from '@shopchat/mcp-service';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

/** HS256 needs a key at least as long as its hash (RFC 7518 §3.2): 32 bytes. */
const MIN_SECRET_LENGTH = 32;
/** Asymmetric algorithms accepted from a JWKS; `none` and HMAC never (no key confusion). */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

export interface JwtKeyOptions {
  /** HS256 secret (≥ 32 characters). */
  secret?: string | undefined;
  /** URL of a JSON Web Key Set, for asymmetric tokens. */
  jwksUrl?: string | undefined;
  /** How long to wait for the JWKS, in ms. */
  jwksTimeoutMs: number;
  /** The variables the options come from, named in a startup error. */
  variables: { secret: string; jwksUrl: string };
}

/** The keys and algorithms a token verifier accepts; `algorithms` is empty when neither option is set. */
export interface JwtKeys {
  getKey: JWTVerifyGetKey;
  algorithms: string[];
}

/**
 * Keys for `jwtVerify`: HS256 with `secret`, and/or asymmetric keys from `jwksUrl` (fetched lazily and
 * cached by jose). Bad options throw a {@link ConfigError} naming the variable, at startup.
 */
export function createJwtKeys(options: JwtKeyOptions): JwtKeys {
  const secret = options.secret === undefined ? undefined : checkSecret(options.secret, options.variables.secret);
  const jwks = options.jwksUrl
    ? createRemoteJWKSet(checkJwksUrl(options.jwksUrl, options.variables.jwksUrl), {
        timeoutDuration: options.jwksTimeoutMs,
      })
    : undefined;
  return {
    async getKey(header, token) {
      if (header.alg === 'HS256' && secret) return secret;
      if (header.alg !== 'HS256' && jwks) return jwks(header, token);
      throw new errors.JOSEAlgNotAllowed(`tokens signed with ${header.alg} are not accepted`);
    },
    algorithms: [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC_ALGORITHMS : [])],
  };
}

function checkSecret(secret: string, variable: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(variable, `must be at least ${MIN_SECRET_LENGTH} characters (a random secret)`);
  }
  return new TextEncoder().encode(secret);
}

/**
 * Whether a verifier may fetch keys from `url`: https only, since whoever can change the keys in transit can
 * sign in as anyone; plain http only to this machine (a local test key server).
 */
export function isAcceptableJwksUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && LOOPBACK_HOSTNAMES.test(parsed.hostname);
}

const LOOPBACK_HOSTNAMES = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

function checkJwksUrl(url: string, variable: string): URL {
  if (isAcceptableJwksUrl(url)) return new URL(url);
  throw new ConfigError(
    variable,
    'must be an https URL of a JSON Web Key Set (plain http only on loopback, for tests)',
  );
}
