import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryConversationStore } from '../../src/chat/in-memory-conversation-store.ts';
import { newChatId, postChat, readChunks } from '../chat/support/chat-requests.ts';
import { tokenFor } from '../chat/support/chat-test-server.ts';
import { approvalAnswerBody, type EdgeHost, startEdgeHost, userMessageBody } from './support/start-edge-host.ts';

let host: EdgeHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('attack: flooding the in-memory store with conversations to evict other customers’ approvals', () => {
  it('keeps the pending approval; new conversations are refused with 503 and Retry-After once nothing idle can go', async () => {
    const clock = { now: 1_000_000 };
    const store = createInMemoryConversationStore({ now: () => clock.now, limits: { maxConversations: 4 } });
    host = await startEdgeHost({ store, api: { turnsPerMinute: 1_000 } });
    const token = await tokenFor('cust_alice');

    // Alice asks to cancel; the approval card waits for her.
    const victim = newChatId();
    const chunks = await readChunks(await postChat(host.url, userMessageBody(victim, 'Cancel my order'), { token }));
    const request = chunks.find((c) => c.type === 'tool-approval-request') as {
      approvalId: string;
      toolCallId: string;
    };
    expect(request).toBeDefined();

    // An idle conversation, long unsaved, and no approval pending: the one the store may let go.
    const idle = newChatId();
    await readChunks(await postChat(host.url, userMessageBody(idle, 'hello')));
    clock.now += 10 * 60_000;

    // The attacker opens conversation after conversation.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await postChat(host.url, userMessageBody(newChatId(), 'hello'));
      statuses.push(response.status);
      if (response.status === 503) {
        expect(response.headers.get('retry-after')).toBe('60');
        expect(await response.json()).toEqual({ error: 'server_busy', message: expect.stringMatching(/try again/) });
      } else {
        await response.text();
      }
    }
    // Two fit, one by pushing out the idle conversation; then the store is full of live ones.
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503]);
    expect(await store.get(idle)).toBeUndefined();
    expect((await store.get(victim))?.pending).toHaveLength(1);

    // Alice confirms, and the call runs exactly once.
    const answer = await postChat(
      host.url,
      approvalAnswerBody(victim, { ...request, input: { order_number: 'A-1042' } }),
      { token },
    );
    expect(answer.status).toBe(200);
    await answer.text();
    expect(host.runner.executed.map((call) => call.approvalId)).toEqual([request.approvalId]);
  });

  it('still lets an existing conversation continue when the store is full', async () => {
    const store = createInMemoryConversationStore({ limits: { maxConversations: 2 } });
    host = await startEdgeHost({ store, api: { turnsPerMinute: 1_000 } });
    const chats = [newChatId(), newChatId()];
    for (const chat of chats) await readChunks(await postChat(host.url, userMessageBody(chat, 'hello')));
    expect((await postChat(host.url, userMessageBody(newChatId(), 'hello'))).status).toBe(503);
    const again = await postChat(host.url, userMessageBody(chats[0] as string, 'and again'));
    expect(again.status).toBe(200);
    await again.text();
  });
});
