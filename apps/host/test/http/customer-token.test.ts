import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDemoCustomerTokens } from '../../src/identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from '../../src/identity/verify-customer-token.ts';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type ChatTestServer, startChatServer, TEST_SECRET, tokenFor } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../chat/support/fake-turn-runner.ts';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const chatBody = () => ({ id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] });

describe('customer tokens on the chat API', () => {
  let server: ChatTestServer;
  let runner: FakeTurnRunner;
  beforeAll(async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner, { options: { turnsPerMinute: 1_000 } });
  });
  afterAll(() => server.close());

  it('accepts a valid token: the caller is that customer', async () => {
    const response = await postChat(server.baseUrl, chatBody(), { token: await tokenFor('cust_bob') });
    expect(response.status).toBe(200);
    await readChunks(response);
    expect(runner.inputs.at(-1)?.caller).toEqual({ kind: 'customer', customerId: 'cust_bob' });
  });

  it('treats a request without a token as an anonymous visitor', async () => {
    await readChunks(await postChat(server.baseUrl, chatBody()));
    expect(runner.inputs.at(-1)?.caller).toEqual({ kind: 'anonymous' });
  });

  const now = Math.floor(Date.now() / 1000);
  const signed = (claims: Record<string, unknown>, secret = TEST_SECRET) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
  const cases: [string, () => Promise<string>, string][] = [
    ['forged (another secret)', () => tokenFor('cust_alice', { secret: 'x'.repeat(40) }), 'token_invalid'],
    ['expired', () => tokenFor('cust_alice', { ttlSeconds: -60 }), 'token_expired'],
    ['for another audience', () => tokenFor('cust_alice', { audience: 'orders' }), 'token_audience'],
    ['without exp', () => signed({ sub: 'cust_alice', aud: 'chat' }), 'token_invalid'],
    ['without sub', () => signed({ aud: 'chat', exp: now + 600 }), 'token_invalid'],
    [
      'unsigned (alg none)',
      async () => `${encode({ alg: 'none' })}.${encode({ sub: 'cust_alice', aud: 'chat', exp: now + 600 })}.`,
      'token_invalid',
    ],
    ['not a JWT', async () => 'not-a-token', 'token_invalid'],
  ];

  it.each(cases)(
    'refuses a token that is %s with 401 and never downgrades it to anonymous',
    async (_name, make, code) => {
      const before = runner.inputs.length;
      const token = await make();
      const response = await postChat(server.baseUrl, chatBody(), { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: code, message: expect.any(String) });
      expect(runner.inputs).toHaveLength(before);

      const read = await fetch(`${server.baseUrl}/api/chat/${newChatId()}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.status).toBe(401);
    },
  );

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await postChat(server.baseUrl, chatBody(), { headers: { authorization: 'Basic YWxpY2U6cHc=' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'token_invalid', message: expect.stringContaining('Bearer') });
  });

  it('mints demo tokens for Alice and Bob that the host accepts', async () => {
    const tokens = await mintDemoCustomerTokens(TEST_SECRET);
    const verify = createCustomerTokenVerifier({ secret: TEST_SECRET });
    expect(await verify(`Bearer ${tokens.cust_alice}`)).toEqual({ kind: 'customer', customerId: 'cust_alice' });
    expect(await verify(`Bearer ${tokens.cust_bob}`)).toEqual({ kind: 'customer', customerId: 'cust_bob' });
  });
});

describe('customer tokens signed with the shop’s asymmetric keys (CUSTOMER_JWKS_URL)', () => {
  let jwksServer: ReturnType<express.Express['listen']>;
  let jwksUrl: string;
  let privateKey: SigningKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'shop-1', alg: 'ES256', use: 'sig' };
    const app = express();
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.json({ keys: [jwk] });
    });
    jwksServer = app.listen(0, '127.0.0.1');
    await once(jwksServer, 'listening');
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

  const sign = (key: SigningKey, claims: Record<string, unknown> = {}) =>
    new SignJWT({ aud: 'chat', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'shop-1' })
      .setSubject('cust_alice')
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed with a key of the set', async () => {
    const verify = createCustomerTokenVerifier({ jwksUrl });
    expect(await verify(`Bearer ${await sign(privateKey)}`)).toEqual({ kind: 'customer', customerId: 'cust_alice' });
  });

  it('refuses one signed with another key, and an HS256 token when no secret is set', async () => {
    const verify = createCustomerTokenVerifier({ jwksUrl });
    const other = await generateKeyPair('ES256');
    await expect(verify(`Bearer ${await sign(other.privateKey)}`)).rejects.toMatchObject({
      code: 'token_invalid',
      status: 401,
    });
    await expect(verify(`Bearer ${await tokenFor('cust_alice')}`)).rejects.toMatchObject({ code: 'token_invalid' });
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const verify = createCustomerTokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json', jwksTimeoutMs: 1_000 });
    await expect(verify(`Bearer ${await sign(privateKey)}`)).rejects.toMatchObject({
      code: 'identity_unavailable',
      status: 503,
      isRetryable: true,
    });
  });

  it('stops at startup on a bad setting, naming the variable', () => {
    expect(() => createCustomerTokenVerifier({ secret: 'short' })).toThrow(/CUSTOMER_JWT_SECRET/);
    expect(() => createCustomerTokenVerifier({ jwksUrl: 'not a url' })).toThrow(/CUSTOMER_JWKS_URL/);
  });
});
