import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CustomerIdentityVerifier,
  createCustomerIdentityVerifier,
  createCustomerTokenSigner,
} from '../src/index.ts';
import { createTestIdentity, type TestIdentity } from '../src/testing/index.ts';

let identity: TestIdentity;
let verifier: CustomerIdentityVerifier;

beforeAll(async () => {
  identity = await createTestIdentity();
  verifier = await createCustomerIdentityVerifier({ audience: 'orders', publicKey: identity.publicKey });
});

describe('customer identity tokens', () => {
  it('accepts a token the host signed for this server', async () => {
    const token = await identity.signer.sign('cust_alice', 'orders');
    expect(await verifier.verify(token)).toEqual({ ok: true, caller: { kind: 'customer', customerId: 'cust_alice' } });
  });

  it('treats a missing token as an anonymous caller', async () => {
    expect(await verifier.verify(undefined)).toEqual({ ok: true, caller: { kind: 'anonymous' } });
  });

  it('refuses a token minted for another server', async () => {
    const token = await identity.signer.sign('cust_alice', 'products');
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'wrong_audience' });
  });

  it('refuses an expired token', async () => {
    const signer = await createCustomerTokenSigner({
      privateKey: identity.privateKey,
      now: () => Date.now() - 600_000,
    });
    expect(await verifier.verify(await signer.sign('cust_alice', 'orders'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed by another key (forged)', async () => {
    const attacker = await createTestIdentity();
    expect(await verifier.verify(await attacker.signer.sign('cust_alice', 'orders'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const token = await new SignJWT({ sub: 'cust_alice', aud: 'orders', iss: 'shopchat-host' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(identity.publicKey));
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an unsigned token (alg none) and garbage', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'cust_alice', aud: 'orders', exp: 9e9 })).toString('base64url');
    expect(await verifier.verify(`${header}.${body}.`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifier.verify('not-a-jwt')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifier.verify({ sub: 'cust_alice' })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses tokens without a subject, or with a life longer than allowed', async () => {
    const noSub = await identity.signRaw({ aud: 'orders', iss: 'shopchat-host' });
    expect(await verifier.verify(noSub)).toEqual({ ok: false, reason: 'invalid' });
    const now = Math.floor(Date.now() / 1000);
    const longLived = await identity.signRaw(
      { sub: 'cust_alice', aud: 'orders', iss: 'shopchat-host' },
      { issuedAt: now - 3600, expiresAt: now + 3600 },
    );
    expect((await verifier.verify(longLived)).ok).toBe(false);
  });

  it('accepts no token at all when the server has no public key configured', async () => {
    const keyless = await createCustomerIdentityVerifier({ audience: 'orders' });
    const token = await identity.signer.sign('cust_alice', 'orders');
    expect(await keyless.verify(token)).toEqual({ ok: false, reason: 'not_accepted' });
  });

  it('stops startup with a message naming the variable when the key is malformed', async () => {
    await expect(createCustomerIdentityVerifier({ audience: 'orders', publicKey: 'nope' })).rejects.toThrow(
      /MCP_IDENTITY_PUBLIC_KEY/,
    );
  });

  describe('a token already verified', () => {
    it('is refused once its exp has passed, though it was accepted (and remembered) before', async () => {
      let clock = Date.now();
      const clocked = await createCustomerIdentityVerifier({
        audience: 'orders',
        publicKey: identity.publicKey,
        now: () => clock,
      });
      const signer = await createCustomerTokenSigner({ privateKey: identity.privateKey, now: () => clock });
      const token = await signer.sign('cust_alice', 'orders');
      const accepted = { ok: true, caller: { kind: 'customer', customerId: 'cust_alice' } };
      expect(await clocked.verify(token)).toEqual(accepted);
      clock += 30_000;
      expect(await clocked.verify(token)).toEqual(accepted);
      // 60 s of life and 5 s of tolerated skew: 70 s on, the same string is expired.
      clock += 40_000;
      expect(await clocked.verify(token)).toEqual({ ok: false, reason: 'expired' });
    });

    it('does not vouch for a token that differs from it in any byte', async () => {
      const token = await identity.signer.sign('cust_alice', 'orders');
      expect((await verifier.verify(token)).ok).toBe(true);
      const [header, , signature] = token.split('.');
      const otherBody = Buffer.from(
        JSON.stringify({ sub: 'cust_bob', aud: 'orders', iss: 'shopchat-host', iat: 1, exp: 9e9 }),
      ).toString('base64url');
      expect(await verifier.verify(`${header}.${otherBody}.${signature}`)).toEqual({ ok: false, reason: 'invalid' });
      const flipped = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
      expect(await verifier.verify(flipped)).toEqual({ ok: false, reason: 'invalid' });
    });
  });
});
