import { describe, expect, it } from 'vitest';
import { toolCallIdempotencyKey } from '../../src/turn/tool-call-idempotency-key.ts';
import type { GatewayTool } from '../../src/turn/tool-gateway.ts';

const tool = (annotations: GatewayTool['annotations']): GatewayTool => ({
  name: 'start_return',
  server: 'orders',
  description: 'Starts a return.',
  inputSchema: { type: 'object' },
  annotations,
});
const destructive = tool({ readOnlyHint: false, destructiveHint: true });
const additive = tool({ readOnlyHint: false, destructiveHint: false });
const turn = { conversationId: 'c1', turnId: 't1' };
const call = {
  id: 'toolu_1',
  name: 'start_return',
  input: { order_number: 'A-1036', items: [{ sku: 'X', quantity: 1 }] },
};

describe('tool call idempotency keys', () => {
  it('are absent for read-only tools', () => {
    expect(toolCallIdempotencyKey(tool({ readOnlyHint: true }), call, turn)).toBeUndefined();
  });

  it('follow the approved tool call id for calls that need approval, whatever the turn', () => {
    const key = toolCallIdempotencyKey(destructive, call, turn);
    expect(key).toMatch(/^sc1-[\w-]{43}$/);
    expect(toolCallIdempotencyKey(destructive, call, { ...turn, turnId: 't2' })).toBe(key);
    expect(toolCallIdempotencyKey(destructive, { ...call, id: 'toolu_2' }, turn)).not.toBe(key);
    expect(toolCallIdempotencyKey(destructive, call, { ...turn, conversationId: 'c2' })).not.toBe(key);
  });

  it('follow the turn and the exact arguments for other calls, whatever id the model gave them', () => {
    const key = toolCallIdempotencyKey(additive, call, turn);
    const reordered = { ...call, id: 'toolu_9', input: { items: [{ quantity: 1, sku: 'X' }], order_number: 'A-1036' } };
    expect(toolCallIdempotencyKey(additive, reordered, turn)).toBe(key);
    expect(toolCallIdempotencyKey(additive, call, { ...turn, turnId: 't2' })).not.toBe(key);
    expect(toolCallIdempotencyKey(additive, { ...call, input: { order_number: 'A-1037' } }, turn)).not.toBe(key);
  });
});
