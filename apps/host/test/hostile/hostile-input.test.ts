import { afterEach, describe, expect, it } from 'vitest';
import { loadChatApiSettings } from '../../src/http/chat-api-settings.ts';
import { mintCustomerToken } from '../../src/identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from '../../src/identity/verify-customer-token.ts';
import { canonicalHash } from '../../src/turn/canonical-hash.ts';
import { newChatId, postChat, readChunks } from '../chat/support/chat-requests.ts';
import { TEST_SECRET, tokenFor } from '../chat/support/chat-test-server.ts';
import { approvalAnswerBody, type EdgeHost, startEdgeHost, userMessageBody } from './support/start-edge-host.ts';

let host: EdgeHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** `[[[…0…]]]`, `depth` arrays deep, as JSON text (JSON.stringify itself would recurse). */
const nestedJson = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

describe('attack: a deeply nested approval answer against the recursive hash', () => {
  it('answers 400 naming the input, and the pending approval survives for the real answer', async () => {
    host = await startEdgeHost();
    const token = await tokenFor('cust_alice');
    const chat = newChatId();
    const chunks = await readChunks(await postChat(host.url, userMessageBody(chat, 'Cancel my order'), { token }));
    const request = chunks.find((c) => c.type === 'tool-approval-request') as {
      approvalId: string;
      toolCallId: string;
    };

    for (const depth of [100_000, 40]) {
      const body = JSON.stringify(approvalAnswerBody(chat, { ...request, input: 'INPUT' })).replace(
        '"INPUT"',
        nestedJson(depth),
      );
      const response = await postChat(host.url, body, { token });
      expect(response.status, `depth ${depth}`).toBe(400);
      const error = (await response.json()) as { error: string; message: string };
      expect(error.error).toBe('invalid_request');
      expect(error.message).toMatch(/input: is nested deeper than 32 levels/);
    }
    const wide = approvalAnswerBody(chat, { ...request, input: Array.from({ length: 20_000 }, () => 0) });
    const tooWide = await postChat(host.url, wide, { token });
    expect(tooWide.status).toBe(400);
    expect(await tooWide.json()).toMatchObject({ message: expect.stringMatching(/more than 10000 values/) });

    expect(host.runner.executed).toEqual([]);
    const real = await postChat(host.url, approvalAnswerBody(chat, { ...request, input: { order_number: 'A-1042' } }), {
      token,
    });
    expect(real.status).toBe(200);
    await real.text();
    expect(host.runner.executed).toHaveLength(1);
  });

  it('bounds the hash itself: too deep is a TypeError, not a stack overflow', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => canonicalHash(deep)).toThrow(TypeError);
    expect(canonicalHash({ b: 1, a: [1, { c: 2 }] })).toBe(canonicalHash({ a: [1, { c: 2 }], b: 1 }));
  });
});

describe('attack: text that looks like one thing and is another', () => {
  const send = async (text: string) => postChat((host as EdgeHost).url, userMessageBody(newChatId(), text));

  it('refuses lone surrogates and control characters with a clear 400, before any turn', async () => {
    host = await startEdgeHost();
    for (const [text, problem] of [
      ['half an emoji \ud83d', /lone surrogate/],
      ['\udc00 trailing half', /lone surrogate/],
      ['hidden\u0000null', /U\+0000/],
      ['escape \u001b[2J', /U\+001B/],
      ['bell\u0007', /U\+0007/],
      ['c1 \u009b control', /U\+009B/],
      ['carriage\rreturn', /U\+000D/],
    ] as const) {
      const response = await send(text);
      expect(response.status, JSON.stringify(text)).toBe(400);
      expect(await response.json()).toEqual({
        error: 'invalid_request',
        message: expect.stringMatching(problem),
      });
    }
    expect(host.runner.inputs).toEqual([]);
  });

  it('normalises the message to NFC: what reaches the model is the composed text; tabs and newlines stay', async () => {
    host = await startEdgeHost();
    const response = await send('Cafe\u0301 order\n\tplease');
    expect(response.status).toBe(200);
    await response.text();
    expect(host.runner.inputs[0]?.userText).toBe('Café order\n\tplease');
    expect(host.runner.inputs[0]?.userText).toBe('Caf\u00e9 order\n\tplease');
  });
});

describe('attack: customer keys fetched over plain http, and tokens from another issuer', () => {
  it('accepts a JWKS URL only over https (http on loopback only)', () => {
    expect(() => loadChatApiSettings({ CUSTOMER_JWKS_URL: 'http://keys.shop.example/jwks.json' })).toThrow(
      /CUSTOMER_JWKS_URL.*https/,
    );
    expect(() => createCustomerTokenVerifier({ jwksUrl: 'http://10.0.0.5/jwks.json' })).toThrow(/CUSTOMER_JWKS_URL/);
    expect(loadChatApiSettings({ CUSTOMER_JWKS_URL: 'https://shop.example/jwks.json' }).customerTokens.jwksUrl).toBe(
      'https://shop.example/jwks.json',
    );
    expect(loadChatApiSettings({ CUSTOMER_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }).customerTokens.jwksUrl).toBe(
      'http://127.0.0.1:8080/jwks.json',
    );
  });

  it('with CUSTOMER_JWT_ISSUER set, refuses a token from another issuer', async () => {
    const settings = loadChatApiSettings({
      CUSTOMER_JWT_SECRET: TEST_SECRET,
      CUSTOMER_JWT_ISSUER: 'https://shop.example',
    });
    const verify = createCustomerTokenVerifier(settings.customerTokens);
    const token = (issuer?: string) =>
      mintCustomerToken({ secret: TEST_SECRET, customerId: 'cust_alice', ...(issuer ? { issuer } : {}) });
    await expect(verify(`Bearer ${await token('https://shop.example')}`)).resolves.toEqual({
      kind: 'customer',
      customerId: 'cust_alice',
    });
    await expect(verify(`Bearer ${await token('https://other.example')}`)).rejects.toMatchObject({
      code: 'token_invalid',
    });
    await expect(verify(`Bearer ${await token()}`)).rejects.toMatchObject({ code: 'token_invalid' });
  });
});
