import { redisAvailable } from '@shopchat/product-harness';
import { describe, expect, it, vi } from 'vitest';
import { createRedisConversationStore } from '../../src/chat/redis-conversation-store.ts';
import { createRedisRateLimitStore } from '../../src/http/redis-rate-limit-store.ts';
import { createRedisTurnStreamHub } from '../../src/turn/redis-turn-stream-hub.ts';
import type { TurnRunner } from '../../src/turn/turn-contract.ts';
import { fetchConversation, newChatId } from './support/chat-requests.ts';
import { type ChatTestServer, tokenFor } from './support/chat-test-server.ts';
import { createFakeTurnRunner } from './support/fake-turn-runner.ts';
import { useRedisReplicas } from './support/redis-replicas.ts';
import { TestChat } from './support/test-chat.ts';

const available = await redisAvailable('the chat API across replicas');

describe.runIf(available)('the chat API on two replicas sharing Redis', () => {
  const replicas = useRedisReplicas();

  /** One API replica wired as the host wires itself with REDIS_URL. */
  const replica = (runner: TurnRunner): Promise<ChatTestServer> =>
    replicas.start(runner, (redis, prefix) => ({
      store: createRedisConversationStore({ redis, prefix }),
      hub: createRedisTurnStreamHub({ redis, prefix }),
      rateLimitStore: createRedisRateLimitStore({ redis, prefix }),
    }));

  it('resumes on one replica the turn another is running, and shares the stored conversation', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const a = await replica(createFakeTurnRunner({ hold: () => gate }));
    const b = await replica(createFakeTurnRunner());
    const id = newChatId();
    const token = await tokenFor('cust_alice');
    const first = new TestChat({ baseUrl: a.baseUrl, id, token });
    const sending = first.sendMessage({ text: 'Is the rain jacket in medium in stock?' });
    await vi.waitFor(() => expect(first.lastAnswer).toBe('Hello! '));

    const stored = await fetchConversation(b.baseUrl, id, token);
    expect(stored.messages.map((m) => m.role)).toEqual(['user']);
    const second = new TestChat({ baseUrl: b.baseUrl, id, token, messages: stored.messages });
    const resuming = second.resumeStream();
    await vi.waitFor(() => expect(second.lastAnswer).toBe('Hello! '));
    // The conversation is busy on every replica.
    const busy = new TestChat({ baseUrl: b.baseUrl, id, token, messages: stored.messages });
    await busy.sendMessage({ text: 'hello?' });
    expect(busy.error?.message).toMatch(/still answering/);

    open();
    await Promise.all([sending, resuming]);
    expect(second.lastAnswer).toBe('Hello! You said: Is the rain jacket in medium in stock?');
    expect(second.messages).toEqual(first.messages);
    expect((await fetchConversation(b.baseUrl, id, token)).messages).toEqual(first.messages);
    // Someone else's conversation is not found on any replica.
    await expect(fetchConversation(b.baseUrl, id, await tokenFor('cust_bob'))).rejects.toThrow();
  });

  it('takes an approval answer on another replica than the one that asked', async () => {
    const runner = createFakeTurnRunner();
    const a = await replica(runner);
    const b = await replica(runner);
    const id = newChatId();
    const token = await tokenFor('cust_alice');
    const first = new TestChat({ baseUrl: a.baseUrl, id, token });
    await first.sendMessage({ text: 'Cancel my last order' });
    const card = first.toolParts[0] as unknown as { approval: { id: string } };
    const stored = await fetchConversation(b.baseUrl, id, token);
    const second = new TestChat({ baseUrl: b.baseUrl, id, token, messages: stored.messages });
    await second.addToolApprovalResponse({ id: card.approval.id, approved: true });
    await vi.waitFor(() => expect(second.lastAnswer).toContain('the order is cancelled'));
    expect(runner.executed).toHaveLength(1);
  });
});
