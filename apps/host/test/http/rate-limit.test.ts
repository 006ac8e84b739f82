import { describe, expect, it } from 'vitest';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import {
  type ChatTestServer,
  closeServersAfterEach,
  startChatServer,
  tokenFor,
} from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';

let server: ChatTestServer | undefined;
closeServersAfterEach();

const turn = (token?: string) =>
  postChat(
    server?.baseUrl as string,
    { id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] },
    token ? { token } : {},
  );

describe('turns per minute', () => {
  it('answers 429 with Retry-After once a customer used up the minute, without starting a turn', async () => {
    const runner = createFakeTurnRunner();
    server = await startChatServer(runner, { options: { turnsPerMinute: 2 } });
    const alice = await tokenFor('cust_alice');
    for (let i = 0; i < 2; i++) {
      const ok = await turn(alice);
      expect(ok.status).toBe(200);
      await readChunks(ok);
    }

    const limited = await turn(alice);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringContaining('at most 2 a minute'),
    });
    expect(runner.inputs).toHaveLength(2);
  });

  it('counts per customer, whatever their address, and per IP address for anonymous visitors', async () => {
    server = await startChatServer(createFakeTurnRunner(), { options: { turnsPerMinute: 1 } });
    const alice = await tokenFor('cust_alice');
    await readChunks(await turn(alice));
    expect((await turn(alice)).status).toBe(429);

    // Bob shares Alice's address (127.0.0.1) but has his own budget; so does the anonymous visitor there.
    const bob = await turn(await tokenFor('cust_bob'));
    expect(bob.status).toBe(200);
    await readChunks(bob);
    const anonymous = await turn();
    expect(anonymous.status).toBe(200);
    await readChunks(anonymous);
    expect((await turn()).status).toBe(429);
  });
});
