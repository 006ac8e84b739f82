import { describe, expect, it } from 'vitest';
import { planReply } from '../src/plan-reply.ts';

const transfer = {
  name: 'transfer_to_human_agents',
  description:
    'Hand this conversation to a person on the support team. Use it when the customer asks for a human ("I want to talk to a person", "speak to a human agent").',
  input_schema: {
    type: 'object',
    properties: { summary: { type: 'string' }, reason: { type: 'string', enum: ['customer_asked', 'customer_upset'] } },
    required: ['summary'],
  },
};

describe('a note for a person (a hand-off summary)', () => {
  it('quotes the customer’s words, so a plain request for a person is handed over', () => {
    const plan = planReply(
      {
        model: 'm',
        max_tokens: 100,
        tools: [transfer],
        messages: [{ role: 'user', content: 'I want to talk to a person' }],
      } as never,
      new Date(),
    );
    expect(plan).toEqual({
      kind: 'tools',
      calls: [
        { name: 'transfer_to_human_agents', input: { summary: 'The customer wrote: "I want to talk to a person"' } },
      ],
    });
  });
});
