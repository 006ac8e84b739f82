import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../src/messages-request-schema.ts';
import { planReply } from '../src/plan-reply.ts';
import { PERSON_OFFER, soundsUpset } from '../src/upset-customer.ts';
import { SHOP_TOOLS } from './fixtures/shop-tools.ts';

/** The hand-off tool as a host defines it: the description carries the policy, the reason is an enum. */
const transfer = {
  name: 'transfer_to_human_agents',
  description:
    'Hand this conversation to a person on the support team. Use it when the customer asks for a human ' +
    '("I want to talk to a person"), when the customer is upset, or after you failed to help twice.',
  input_schema: {
    type: 'object',
    properties: {
      summary: { type: 'string' },
      reason: { type: 'string', enum: ['customer_asked', 'customer_upset', 'policy_gap'] },
    },
    required: ['summary'],
  },
};
const tools = [...SHOP_TOOLS, transfer];
const COMPLAINT = 'This is the third time I ask, nothing works!';

type Message = MessagesRequest['messages'][number];
const plan = (messages: Message[], withTools = tools) =>
  planReply({ model: 'm', max_tokens: 100, tools: withTools, messages } as MessagesRequest, new Date());
const offered: Message[] = [
  { role: 'user', content: 'Where is my order A-1042?' },
  { role: 'assistant', content: 'I could not check that order right now.' },
  { role: 'user', content: COMPLAINT },
  { role: 'assistant', content: `[offline demo] ${PERSON_OFFER}` },
];

describe('scenario 16: an upset customer', () => {
  it('gets an apology and the offer of a person, and no tool runs again', () => {
    const reply = plan(offered.slice(0, 3));
    expect(reply.kind).toBe('text');
    expect(reply.kind === 'text' && reply.text).toContain("I'm sorry");
    expect(reply.kind === 'text' && reply.text).toContain('would you like me to hand this conversation to a person');
  });

  it('is handed over, with a note quoting the complaint and the reason, once they agree', () => {
    expect(plan([...offered, { role: 'user', content: 'Yes please' }])).toEqual({
      kind: 'tools',
      calls: [
        {
          name: 'transfer_to_human_agents',
          input: {
            summary: `The customer is upset after asking several times. They wrote: "${COMPLAINT}"`,
            reason: 'customer_upset',
          },
        },
      ],
    });
  });

  it('keeps talking, without a hand-off, when they decline', () => {
    const reply = plan([...offered, { role: 'user', content: 'No thanks' }]);
    expect(reply.kind).toBe('text');
    expect(reply.kind === 'text' && reply.text).not.toContain('hand this conversation');
  });

  it('is handed over at once when the complaint itself asks for a person', () => {
    const reply = plan([{ role: 'user', content: 'This is useless, I want to talk to a person' }]);
    expect(reply).toMatchObject({ kind: 'tools', calls: [{ name: 'transfer_to_human_agents' }] });
  });

  it('is answered as before where no hand-off tool exists (the tools are looked up as usual)', () => {
    const reply = plan([{ role: 'user', content: 'Third time I ask: where is my order A-1042?' }], SHOP_TOOLS);
    expect(reply.kind).toBe('tools');
  });

  it('is told apart from a calm question that says "again"', () => {
    expect(soundsUpset('Where is my order A-1042 again?')).toBe(false);
    expect(soundsUpset('Can you check the boots again please')).toBe(false);
    expect(soundsUpset(COMPLAINT)).toBe(true);
    expect(soundsUpset('I am fed up with this')).toBe(true);
    expect(soundsUpset('WHERE IS MY PARCEL, THIS IS ABSURD')).toBe(true);
    const calm = plan([{ role: 'user', content: 'Where is my order A-1042 again?' }]);
    expect(calm).toMatchObject({ kind: 'tools', calls: [{ name: 'track_shipment' }] });
  });
});
