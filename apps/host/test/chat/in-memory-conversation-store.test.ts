import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createInMemoryConversationStore } from '../../src/chat/in-memory-conversation-store.ts';
import { conversationStoreContract } from './support/conversation-store-contract.ts';

const alice = { kind: 'customer', customerId: 'cust_alice' } as const;
const bob = { kind: 'customer', customerId: 'cust_bob' } as const;
const text = (id: string): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text: id }] });

describe('conversation store contract, in memory (the reference)', () => {
  conversationStoreContract((limits) => createInMemoryConversationStore(limits ? { limits } : {}));
});

describe('in-memory conversation store', () => {
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
});
