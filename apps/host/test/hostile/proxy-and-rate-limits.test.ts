import { afterEach, describe, expect, it } from 'vitest';
import { loadHostSettings } from '../../src/host-settings.ts';
import { parseTrustProxy } from '../../src/http/trust-proxy.ts';
import { newChatId, postChat, readChunks } from '../chat/support/chat-requests.ts';
import { tokenFor } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { type EdgeHost, rawRequest, startEdgeHost, userMessageBody } from './support/start-edge-host.ts';

let host: EdgeHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** An anonymous turn sent with `X-Forwarded-For: address`, as a client behind (or pretending to be behind) a proxy. */
async function turnFrom(address: string): Promise<number> {
  const response = await postChat((host as EdgeHost).url, userMessageBody(newChatId(), 'hello'), {
    headers: { 'x-forwarded-for': address },
  });
  await response.text();
  return response.status;
}

describe('attack: forging X-Forwarded-For to escape the anonymous rate limit', () => {
  it('without TRUST_PROXY, a forged X-Forwarded-For changes nothing: one address, one bucket', async () => {
    host = await startEdgeHost({ api: { turnsPerMinute: 2 } });
    expect(await turnFrom('203.0.113.1')).toBe(200);
    expect(await turnFrom('203.0.113.2')).toBe(200);
    expect(await turnFrom('203.0.113.3')).toBe(429);
    expect(host.runner.inputs).toHaveLength(2);
  });

  it('with TRUST_PROXY=1, two visitors behind the one proxy have their own buckets', async () => {
    host = await startEdgeHost({ api: { turnsPerMinute: 2 }, edge: { trustProxy: parseTrustProxy('1') } });
    expect([await turnFrom('198.51.100.7'), await turnFrom('198.51.100.7')]).toEqual([200, 200]);
    expect(await turnFrom('198.51.100.7')).toBe(429);
    // Another visitor (another address the proxy saw) is not blocked by the first one's use.
    expect(await turnFrom('198.51.100.8')).toBe(200);
    // A client prepending its own "address" fools nobody: one hop trusted, the proxy's entry counts.
    expect(await turnFrom('10.9.9.9, 198.51.100.7')).toBe(429);
  });

  it('refuses a TRUST_PROXY that would trust everyone, or that is not an address, at startup', () => {
    const base = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:3200' };
    expect(loadHostSettings({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(loadHostSettings({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    for (const bad of ['true', '*', '0', '11', 'proxy.internal', '10.0.0.0/33', '10.0.0.0/8/1']) {
      expect(() => loadHostSettings({ ...base, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('attack: hammering the read endpoints and holding streams open', () => {
  it('limits GET /api/chat/:id per client with 429 and Retry-After', async () => {
    host = await startEdgeHost({ api: { readsPerMinute: 3 } });
    const token = await tokenFor('cust_alice');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${host.url}/api/chat/${newChatId()}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/reads/) });
      } else {
        await response.text();
      }
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    // Another customer reads on.
    const bob = await fetch(`${host.url}/api/chat/${newChatId()}`, {
      headers: { authorization: `Bearer ${await tokenFor('cust_bob')}` },
    });
    expect(bob.status).toBe(404);
  });

  it('caps the open streams of one conversation and of one client, with a clear 429 and a retry hint', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    host = await startEdgeHost({
      runner: createFakeTurnRunner({ hold: () => held }),
      api: { streams: { perClient: 3, perConversation: 2, retryAfterSeconds: 5 } },
    });
    const token = await tokenFor('cust_alice');
    const auth = { authorization: `Bearer ${token}` };
    const open: Response[] = [];
    const chat = newChatId();
    // A running turn: its POST is stream one of the conversation.
    open.push(await postChat(host.url, userMessageBody(chat, 'hello'), { token }));
    const resume = () => fetch(`${host?.url}/api/chat/${chat}/stream`, { headers: auth });
    open.push(await resume());
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    const third = await resume();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(await third.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(/per conversation/),
    });

    // The client's third stream, in another conversation, is its last.
    const other = newChatId();
    open.push(await postChat(host.url, userMessageBody(other, 'hello'), { token }));
    expect(open.at(-1)?.status).toBe(200);
    const fourth = await postChat(host.url, userMessageBody(newChatId(), 'hello'), { token });
    expect(fourth.status).toBe(429);
    expect(await fourth.json()).toMatchObject({ message: expect.stringMatching(/per visitor/) });
    // Refused before the turn started: only the two accepted turns reached the runner.
    expect(host.runner.inputs).toHaveLength(2);

    // Streams that end give their slots back.
    release();
    for (const response of open) await readChunks(response);
    const again = await postChat(host.url, userMessageBody(newChatId(), 'hello'), { token });
    expect(again.status).toBe(200);
    await again.text();
  });

  it('answers the resume of a conversation with no turn without holding a slot', async () => {
    host = await startEdgeHost({ api: { streams: { perClient: 1, perConversation: 1, retryAfterSeconds: 5 } } });
    const chat = newChatId();
    await readChunks(await postChat(host.url, userMessageBody(chat, 'hello')));
    for (let i = 0; i < 3; i++) {
      expect((await rawRequest(host.port, `/api/chat/${chat}/stream`, { headers: { host: 'localhost' } })).status).toBe(
        204,
      );
    }
  });
});
