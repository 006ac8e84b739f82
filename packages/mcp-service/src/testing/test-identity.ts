import { SignJWT } from 'jose';
import {
  type CustomerTokenSigner,
  createCustomerTokenSigner,
  generateIdentityKeyPair,
} from '../customer-token-signer.ts';

export interface TestIdentity {
  /** SPKI PEM to configure a service with (`identityPublicKey`). */
  publicKey: string;
  privateKey: string;
  signer: CustomerTokenSigner;
  /** Signs arbitrary claims with the real key: for expired, wrong-audience and oddly-shaped tokens. */
  signRaw(claims: Record<string, unknown>, options?: { expiresAt?: number; issuedAt?: number }): Promise<string>;
}

/** A real Ed25519 key pair and signer, as the host would hold them. */
export async function createTestIdentity(): Promise<TestIdentity> {
  const keys = await generateIdentityKeyPair();
  const signer = await createCustomerTokenSigner({ privateKey: keys.privateKey });
  const { importPKCS8 } = await import('jose');
  const key = await importPKCS8(keys.privateKey, 'EdDSA');
  return {
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    signer,
    signRaw(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuedAt(options.issuedAt ?? now)
        .setExpirationTime(options.expiresAt ?? now + 60)
        .sign(key);
    },
  };
}
