import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { isOwnedBy } from '../../src/chat/conversation-store.ts';
import { createInMemoryConversationStore } from '../../src/chat/in-memory-conversation-store.ts';

const alice = { kind: 'customer', customerId: 'cust_alice' } as const;
const bob = { kind: 'customer', customerId: 'cust_bob' } as const;
const anonymous = { kind: 'anonymous' } as const;
const text = (id: string): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text: id }] });

describe('in-memory conversation store', () => {
  it('binds a conversation to the caller who created it; a racing create keeps the first owner', async () => {
    const store = createInMemoryConversationStore();
    const created = await store.create('c1', alice);
    const raced = await store.create('c1', bob);
    expect(raced.owner).toEqual(alice);
    expect(isOwnedBy(created, alice)).toBe(true);
    expect(isOwnedBy(created, bob)).toBe(false);
    expect(isOwnedBy(created, anonymous)).toBe(false);
    const open = await store.create('c2', anonymous);
    expect(isOwnedBy(open, anonymous)).toBe(true);
    expect(isOwnedBy(open, alice)).toBe(false);
  });

  it('hands out copies: changing what get returned changes nothing stored', async () => {
    const store = createInMemoryConversationStore();
    const conversation = await store.create('c1', alice);
    conversation.messages.push(text('m1'));
    expect((await store.get('c1'))?.messages).toEqual([]);
  });

  it('forgets a conversation a TTL after its last save', async () => {
    const clock = { now: 0 };
    const store = createInMemoryConversationStore({ now: () => clock.now, limits: { ttlMs: 1_000 } });
    const conversation = await store.create('c1', alice);
    clock.now = 900;
    await store.save(conversation);
    clock.now = 1_800;
    expect(await store.get('c1')).toBeDefined();
    clock.now = 2_000;
    expect(await store.get('c1')).toBeUndefined();
    // Expired: the id is free again, for a new owner.
    expect((await store.create('c1', bob)).owner).toEqual(bob);
  });

  it('keeps the newest UI messages and at most maxConversations conversations', async () => {
    const store = createInMemoryConversationStore({ limits: { maxMessages: 3, maxConversations: 2, minIdleMs: 0 } });
    const conversation = await store.create('c1', alice);
    await store.save({ ...conversation, messages: ['m1', 'm2', 'm3', 'm4', 'm5'].map(text) });
    expect((await store.get('c1'))?.messages.map((m) => m.id)).toEqual(['m3', 'm4', 'm5']);

    await store.create('c2', alice);
    await store.save((await store.get('c1')) as never);
    await store.create('c3', alice);
    // c2 was the least recently saved.
    expect(await store.get('c2')).toBeUndefined();
    expect(await store.get('c1')).toBeDefined();
    expect(await store.get('c3')).toBeDefined();
  });

  it('trims history only where an exchange starts, never between a tool call and its result', async () => {
    const store = createInMemoryConversationStore({ limits: { maxHistoryMessages: 3 } });
    const history: MessageParam[] = [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_order', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'shipped' }] },
      { role: 'assistant', content: 'It has shipped.' },
      { role: 'user', content: 'second question' },
      { role: 'assistant', content: 'An answer.' },
    ];
    const conversation = await store.create('c1', alice);
    await store.save({ ...conversation, history });
    const stored = (await store.get('c1'))?.history;
    expect(stored?.[0]).toEqual({ role: 'user', content: 'second question' });
    expect(stored).toHaveLength(2);
  });

  it('caps history by size as well as by count', async () => {
    const store = createInMemoryConversationStore({ limits: { maxHistoryChars: 500 } });
    const history: MessageParam[] = Array.from({ length: 20 }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `${i} ${'x'.repeat(80)}`,
    }));
    const conversation = await store.create('c1', alice);
    await store.save({ ...conversation, history });
    const stored = (await store.get('c1'))?.history ?? [];
    expect(JSON.stringify(stored).length).toBeLessThanOrEqual(500);
    expect(stored[0]?.role).toBe('user');
    expect(stored.at(-1)).toEqual(history.at(-1));
  });
});
