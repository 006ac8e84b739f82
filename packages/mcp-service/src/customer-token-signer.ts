import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, importPKCS8, type JWK, SignJWT } from 'jose';
import { DEFAULT_IDENTITY_ISSUER, IDENTITY_ALGORITHM } from './customer-identity.ts';

/** Life of an identity token, in seconds: long enough for one tool call, short enough to be useless if leaked. */
export const DEFAULT_IDENTITY_TOKEN_TTL_SECONDS = 60;

export interface CustomerTokenSignerOptions {
  /** The host's Ed25519 private key, as PKCS#8 PEM or a JWK JSON string. */
  privateKey: string;
  issuer?: string;
  /** Seconds; default {@link DEFAULT_IDENTITY_TOKEN_TTL_SECONDS}. */
  ttlSeconds?: number;
  /** Injected clock (epoch ms), for tests. */
  now?: () => number;
}

export interface CustomerTokenSigner {
  /** Mints a token saying "this call is on behalf of `customerId`", valid only at server `audience`. */
  sign(customerId: string, audience: string): Promise<string>;
}

/** The host side of the identity scheme: it alone holds the private key. */
export async function createCustomerTokenSigner(options: CustomerTokenSignerOptions): Promise<CustomerTokenSigner> {
  const text = options.privateKey.trim();
  const key = text.startsWith('{')
    ? await importJWK(JSON.parse(text) as JWK, IDENTITY_ALGORITHM)
    : await importPKCS8(text.replaceAll('\\n', '\n'), IDENTITY_ALGORITHM);
  const issuer = options.issuer ?? DEFAULT_IDENTITY_ISSUER;
  const ttl = options.ttlSeconds ?? DEFAULT_IDENTITY_TOKEN_TTL_SECONDS;
  const now = options.now ?? Date.now;
  return {
    sign(customerId, audience) {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: IDENTITY_ALGORITHM, typ: 'JWT' })
        .setSubject(customerId)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttl)
        .setJti(randomUUID())
        .sign(key);
    },
  };
}

/** A fresh Ed25519 key pair as PEM strings: `npm start` makes one up when none is configured. */
export async function generateIdentityKeyPair(): Promise<{ privateKey: string; publicKey: string; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(IDENTITY_ALGORITHM, { crv: 'Ed25519', extractable: true });
  return {
    privateKey: await exportPKCS8(privateKey),
    publicKey: await exportSPKI(publicKey),
    publicJwk: await exportJWK(publicKey),
  };
}
