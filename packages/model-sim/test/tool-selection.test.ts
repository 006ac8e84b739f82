import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_MARKER } from '../src/index.ts';
import { SHOP_TOOLS } from './fixtures/shop-tools.ts';
import { MODEL, startTestSim, type TestSim } from './support/start-test-sim.ts';

// "Today" for relative dates such as "last month".
const NOW = new Date('2025-06-15T12:00:00Z');

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ now: () => NOW });
});
afterAll(() => sim.stop());

async function reply(text: string, extra: Record<string, unknown> = {}) {
  return sim.client.messages.create({
    model: MODEL,
    max_tokens: 1024,
    tools: SHOP_TOOLS,
    messages: [{ role: 'user', content: text }],
    ...extra,
  });
}

function toolCalls(content: ContentBlock[]) {
  return content.flatMap((block) => (block.type === 'tool_use' ? [{ name: block.name, input: block.input }] : []));
}

function textOf(content: ContentBlock[]): string {
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

describe('choosing tools from the customer words (docs/scenarios.md)', () => {
  it('#1 "Where is my order A-1042?" tracks the shipment', async () => {
    const message = await reply('Where is my order A-1042?');
    expect(message.stop_reason).toBe('tool_use');
    expect(toolCalls(message.content)).toEqual([{ name: 'track_shipment', input: { order_number: 'A-1042' } }]);
  });

  it('#2 "What did I order last month?" lists the orders of last month', async () => {
    const message = await reply('What did I order last month?');
    expect(toolCalls(message.content)).toEqual([
      { name: 'list_my_orders', input: { placed_after: '2025-05-01', placed_before: '2025-06-01' } },
    ]);
  });

  it('#3 "Cancel my last order…" first finds the newest order', async () => {
    const message = await reply('Cancel my last order, I bought the wrong size');
    expect(toolCalls(message.content)).toEqual([{ name: 'list_my_orders', input: { limit: 1 } }]);
  });

  it('#4 "The boots from A-1031 are too small…" first reads the order (the return needs its SKUs)', async () => {
    const message = await reply('The boots from A-1031 are too small, can I send them back?');
    expect(toolCalls(message.content)).toEqual([{ name: 'get_order', input: { order_number: 'A-1031' } }]);
  });

  it('#5 waterproof hiking boots in size 44 under 150 euros: filters really applied', async () => {
    const message = await reply('Do you have waterproof hiking boots in size 44 under 150 euros?');
    const [call, ...rest] = toolCalls(message.content);
    expect(rest).toEqual([]);
    expect(call?.name).toBe('search_products');
    expect(call?.input).toMatchObject({ waterproof: true, size: '44', max_price: 150, category: 'hiking-boots' });
    expect(String((call?.input as { query?: string } | undefined)?.query)).toContain('hiking boots');
  });

  it('#6 "Is the rain jacket in medium in stock?" searches in size M, in stock', async () => {
    const message = await reply('Is the rain jacket in medium in stock?');
    expect(toolCalls(message.content)).toEqual([
      {
        name: 'search_products',
        input: { query: 'rain jacket', category: 'rain-jackets', size: 'M', in_stock: true },
      },
    ]);
  });

  it('#7 delivery to Norway searches the help center', async () => {
    const message = await reply('How long does delivery to Norway take, and what does it cost?');
    const [call, ...rest] = toolCalls(message.content);
    expect(rest).toEqual([]);
    expect(call?.name).toBe('search_docs');
    expect(String((call?.input as { query?: string } | undefined)?.query)).toMatch(/delivery.*norway/);
  });

  it('#8 "Can I return a gift without the receipt?" asks the help center, not start_return', async () => {
    const message = await reply('Can I return a gift without the receipt?');
    expect(toolCalls(message.content)).toEqual([
      { name: 'search_docs', input: { query: 'return gift without receipt' } },
    ]);
  });

  it('#9 an order number and a policy question in one message give two tool calls', async () => {
    const message = await reply('My jacket from order A-1007 leaks. Is that covered?');
    const calls = toolCalls(message.content);
    expect(calls.map((call) => call.name)).toEqual(['get_order', 'search_docs']);
    expect(calls[0]?.input).toEqual({ order_number: 'A-1007' });
    expect(String((calls[1]?.input as { query?: string } | undefined)?.query)).toMatch(/jacket.*leaks.*covered/);
  });

  it('#11 "Show me order A-1042" reads the order', async () => {
    const message = await reply('Show me order A-1042');
    expect(toolCalls(message.content)).toEqual([{ name: 'get_order', input: { order_number: 'A-1042' } }]);
  });

  it('#15 "Can I talk to a person?" looks up how to reach support', async () => {
    const message = await reply('Can I talk to a person?');
    expect(toolCalls(message.content).map((call) => call.name)).toEqual(['search_docs']);
  });

  it('never picks a tool that changes things unless the customer uses its verb', async () => {
    const question = await reply('Is order A-1042 paid?');
    expect(toolCalls(question.content)).toEqual([{ name: 'get_order', input: { order_number: 'A-1042' } }]);
    const request = await reply('cancel A-1051');
    expect(toolCalls(request.content)).toEqual([{ name: 'cancel_order', input: { order_number: 'A-1051' } }]);
  });

  it('ignores server tools (web search) it cannot fill, and still picks among the client tools', async () => {
    const message = await reply('Where is my order A-1042?', {
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }, ...SHOP_TOOLS],
    });
    expect(toolCalls(message.content)).toEqual([{ name: 'track_shipment', input: { order_number: 'A-1042' } }]);
  });

  it('normalises a typed order number to the stored form', async () => {
    const message = await reply('where is a1042');
    expect(toolCalls(message.content)).toEqual([{ name: 'track_shipment', input: { order_number: 'A-1042' } }]);
  });

  it.each(['asdfgh', 'hello', 'thanks!', '🙂🙂🙂', 'How are you?'])(
    '#13 "%s" gets a plain, marked answer',
    async (text) => {
      const message = await reply(text);
      expect(message.stop_reason).toBe('end_turn');
      expect(toolCalls(message.content)).toEqual([]);
      expect(textOf(message.content).startsWith(OFFLINE_MARKER)).toBe(true);
    },
  );

  it('#13 a 20,000-character message does not break it', async () => {
    const message = await reply('boots '.repeat(3_400));
    expect(['tool_use', 'end_turn']).toContain(message.stop_reason);
  });

  it('asks for a missing value when no tool can look it up', async () => {
    const message = await sim.client.messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: SHOP_TOOLS.filter((tool) => tool.name === 'track_shipment'),
      messages: [{ role: 'user', content: 'Where is my parcel?' }],
    });
    expect(message.stop_reason).toBe('end_turn');
    expect(textOf(message.content)).toMatch(/order number \(like A-1042\).*\?$/);
  });

  it('reads a short answer to its own question together with the question it answers', async () => {
    const message = await sim.client.messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: SHOP_TOOLS.filter((tool) => tool.name === 'track_shipment' || tool.name === 'get_order'),
      messages: [
        { role: 'user', content: 'Where is my parcel?' },
        { role: 'assistant', content: `${OFFLINE_MARKER} I need the order number (like A-1042). Could you tell me?` },
        { role: 'user', content: 'A-1042' },
      ],
    });
    expect(toolCalls(message.content)).toEqual([{ name: 'track_shipment', input: { order_number: 'A-1042' } }]);
  });
});

describe('tool_choice', () => {
  it('none: answers in text even when a tool fits', async () => {
    const message = await reply('Where is my order A-1042?', { tool_choice: { type: 'none' } });
    expect(message.stop_reason).toBe('end_turn');
    expect(toolCalls(message.content)).toEqual([]);
  });

  it('any: calls a tool even for small talk', async () => {
    const message = await reply('hello', { tool_choice: { type: 'any' } });
    expect(message.stop_reason).toBe('tool_use');
    expect(toolCalls(message.content)).toHaveLength(1);
  });

  it('tool: calls exactly the named tool with what the text supplies', async () => {
    const message = await reply('Where is my order A-1042?', { tool_choice: { type: 'tool', name: 'get_order' } });
    expect(toolCalls(message.content)).toEqual([{ name: 'get_order', input: { order_number: 'A-1042' } }]);
  });

  it('disable_parallel_tool_use: at most one call', async () => {
    const message = await reply('My jacket from order A-1007 leaks. Is that covered?', {
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    expect(toolCalls(message.content).map((call) => call.name)).toEqual(['get_order']);
  });

  it('without tools, every answer is text', async () => {
    const message = await sim.client.messages.create({
      model: MODEL,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Where is my order A-1042?' }],
    });
    expect(message.stop_reason).toBe('end_turn');
    expect(textOf(message.content)).toContain(OFFLINE_MARKER);
  });
});
