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
