import type { UIMessage, UIMessageChunk, UIPart } from '@shopchat/chat-views';
import { describe, expect, it } from 'vitest';
import { applyChunk } from '../src/apply-chunk.ts';

const apply = (message: UIMessage, chunks: UIMessageChunk[]) => {
  const open = new Map<string, UIPart>();
  for (const chunk of chunks) applyChunk(message, chunk, open);
  return message;
};

describe('applying a retried turn', () => {
  it('drops what the lost run wrote and rebuilds the message from what follows the restart', () => {
    const message: UIMessage = { id: 'm1', role: 'assistant', parts: [] };
    apply(message, [
      { type: 'start', messageId: 'm1' },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Your order A-1042 is on ' },
      { type: 'data-turn-restart', data: { reason: 'worker-lost' }, transient: true },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Your order A-1042 is on its way.' },
      { type: 'text-end', id: 't1' },
    ]);
    expect(message.parts).toEqual([{ type: 'text', text: 'Your order A-1042 is on its way.', state: 'done' }]);
  });
});

describe('applying a person’s message', () => {
  it('keeps the author the start chunk names, so the widget can show who wrote it', () => {
    const message: UIMessage = { id: 'live', role: 'assistant', parts: [] };
    apply(message, [
      { type: 'start', messageId: 'msg_agent', messageMetadata: { author: { kind: 'agent', name: 'Dana' } } },
      { type: 'text-start', id: 'x' },
      { type: 'text-delta', id: 'x', delta: 'Hi, I am Dana.' },
      { type: 'text-end', id: 'x' },
      { type: 'finish' },
    ]);
    expect(message).toEqual({
      id: 'msg_agent',
      role: 'assistant',
      metadata: { author: { kind: 'agent', name: 'Dana' } },
      parts: [{ type: 'text', text: 'Hi, I am Dana.', state: 'done' }],
    });
  });
});
