import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { UIMessage } from 'ai';
import { expect, it } from 'vitest';
import {
  type ConversationStore,
  type ConversationStoreLimits,
  isOwnedBy,
} from '../../../src/chat/conversation-store.ts';

const alice = { kind: 'customer', customerId: 'cust_alice' } as const;
const bob = { kind: 'customer', customerId: 'cust_bob' } as const;
const anonymous = { kind: 'anonymous' } as const;
const text = (id: string): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text: id }] });

/**
 * The behaviour every {@link ConversationStore} shares, whatever it keeps its data in. Call inside a
 * `describe`; `make` builds a fresh, empty store with the given caps.
 */
export function conversationStoreContract(
  make: (limits?: Partial<ConversationStoreLimits>) => ConversationStore | Promise<ConversationStore>,
): void {
  it('binds a conversation to the caller who created it; a racing create keeps the first owner', async () => {
    const store = await make();
    const [created, raced] = await Promise.all([store.create('c1', alice), store.create('c1', bob)]);
    expect(raced.owner).toEqual(alice);
    expect(isOwnedBy(created, alice)).toBe(true);
    expect(isOwnedBy(created, bob)).toBe(false);
    expect(isOwnedBy(created, anonymous)).toBe(false);
    const open = await store.create('c2', anonymous);
    expect(isOwnedBy(open, anonymous)).toBe(true);
    expect(isOwnedBy(open, alice)).toBe(false);
    expect((await store.get('c1'))?.owner).toEqual(alice);
    expect((await store.get('c2'))?.owner).toEqual(anonymous);
  });

  it('hands out copies: changing what get returned changes nothing stored', async () => {
    const store = await make();
    const conversation = await store.create('c1', alice);
    conversation.messages.push(text('m1'));
    expect((await store.get('c1'))?.messages).toEqual([]);
  });

  it('round-trips messages, history and pending approvals, and has nothing for an unknown id', async () => {
    const store = await make();
    const conversation = await store.create('c1', alice);
    const saved = {
      ...conversation,
      messages: [text('m1')],
      history: [{ role: 'user', content: 'cancel A-1042' }] satisfies MessageParam[],
      pending: [
        {
          approvalId: 'ap1',
          toolCallId: 'call1',
          toolName: 'orders__cancel_order',
          input: { orderNumber: 'A-1042' },
          inputHash: 'f'.repeat(64),
          expiresAt: 1_900_000_000_000,
          summary: 'Cancel order A-1042',
        },
      ],
    };
    await store.save(saved);
    const stored = await store.get('c1');
    expect(stored).toMatchObject({ ...saved, updatedAt: expect.any(Number) });
    expect(stored?.updatedAt).toBeGreaterThanOrEqual(conversation.updatedAt);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('keeps the newest UI messages', async () => {
    const store = await make({ maxMessages: 3 });
    const conversation = await store.create('c1', alice);
    await store.save({ ...conversation, messages: ['m1', 'm2', 'm3', 'm4', 'm5'].map(text) });
    expect((await store.get('c1'))?.messages.map((m) => m.id)).toEqual(['m3', 'm4', 'm5']);
  });

  it('trims history only where an exchange starts, never between a tool call and its result', async () => {
    const store = await make({ maxHistoryMessages: 3 });
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
    const store = await make({ maxHistoryChars: 500 });
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
}
