import type { MessageCreateParamsNonStreaming, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_TOOLS } from './fixtures/shop-tools.ts';
import { MODEL, startTestSim, type TestSim } from './support/start-test-sim.ts';

// A system prompt over the 1,024-token minimum that the API caches (about 4 characters per token).
const LONG_SYSTEM = `You are the support assistant of Northwind Outfitters. ${'Answer from tool results only. '.repeat(160)}`;

let clock = Date.parse('2025-06-15T12:00:00Z');
let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ promptCache: { now: () => clock } });
});
afterAll(() => sim.stop());

function request(system: TextBlockParam[], user = 'hello', model = MODEL): MessageCreateParamsNonStreaming {
  return { model, max_tokens: 200, system, messages: [{ role: 'user', content: user }] };
}

const cachedSystem = (text = LONG_SYSTEM, ttl?: '1h'): TextBlockParam[] => [
  { type: 'text', text, cache_control: { type: 'ephemeral', ...(ttl ? { ttl } : {}) } },
];

describe('prompt caching', () => {
  it('writes a prefix on first sight and reads it on the next identical request', async () => {
    const system = cachedSystem(`${LONG_SYSTEM} v1`);
    const first = await sim.client.messages.create(request(system));
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1_024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(first.usage.cache_creation).toEqual({
      ephemeral_5m_input_tokens: first.usage.cache_creation_input_tokens,
      ephemeral_1h_input_tokens: 0,
    });

    const second = await sim.client.messages.create(request(system));
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
    // Total input stays the same; only its split changes.
    expect(second.usage.input_tokens + (second.usage.cache_read_input_tokens ?? 0)).toBe(
      first.usage.input_tokens + (first.usage.cache_creation_input_tokens ?? 0),
    );
  });

  it('reports the cache fields in streams too', async () => {
    const system = cachedSystem(`${LONG_SYSTEM} v2`);
    await sim.client.messages.create(request(system));
    const streamed = await sim.client.messages.stream(request(system)).finalMessage();
    expect(streamed.usage.cache_read_input_tokens).toBeGreaterThan(1_024);
  });

  it('reads the earlier prefix when a conversation moves its breakpoint to the newest message', async () => {
    const system: TextBlockParam[] = [{ type: 'text', text: `${LONG_SYSTEM} v3` }];
    const turn1: MessageCreateParamsNonStreaming = {
      model: MODEL,
      max_tokens: 200,
      system,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello', cache_control: { type: 'ephemeral' } }] }],
    };
    const first = await sim.client.messages.create(turn1);
    const written = first.usage.cache_creation_input_tokens ?? 0;
    expect(written).toBeGreaterThan(1_024);
    const turn2: MessageCreateParamsNonStreaming = {
      ...turn1,
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Hi! How can I help?' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Where is my order A-1042?', cache_control: { type: 'ephemeral' } }],
        },
      ],
    };
    const second = await sim.client.messages.create(turn2);
    expect(second.usage.cache_read_input_tokens).toBe(written);
    expect(second.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it('caches tool definitions marked on the last tool, whatever the messages', async () => {
    const tools = SHOP_TOOLS.map((tool, index) =>
      index === SHOP_TOOLS.length - 1 ? { ...tool, cache_control: { type: 'ephemeral' as const } } : tool,
    );
    const first = await sim.client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools,
      messages: [{ role: 'user', content: 'hello' }],
    });
    const second = await sim.client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools,
      messages: [{ role: 'user', content: 'thanks' }],
    });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1_024);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it('supports automatic caching (top-level cache_control)', async () => {
    const body = { ...request([{ type: 'text', text: `${LONG_SYSTEM} v4` }]), cache_control: { type: 'ephemeral' } };
    const first = await sim.client.messages.create(body as MessageCreateParamsNonStreaming);
    const second = await sim.client.messages.create(body as MessageCreateParamsNonStreaming);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it('does not cache a prefix below the minimum length, nor without a breakpoint, nor across models', async () => {
    const short = await sim.client.messages.create(request(cachedSystem('Short system prompt.')));
    expect(short.usage.cache_creation_input_tokens).toBe(0);
    const unmarked = [{ type: 'text' as const, text: `${LONG_SYSTEM} v5` }];
    await sim.client.messages.create(request(unmarked));
    expect((await sim.client.messages.create(request(unmarked))).usage.cache_read_input_tokens).toBe(0);
    const system = cachedSystem(`${LONG_SYSTEM} v6`);
    await sim.client.messages.create(request(system));
    const otherModel = await sim.client.messages.create(request(system, 'hello', 'another-model'));
    expect(otherModel.usage.cache_read_input_tokens).toBe(0);
  });

  it('forgets after five minutes unless read, and keeps a 1h entry for an hour', async () => {
    const fiveMinutes = cachedSystem(`${LONG_SYSTEM} v7`);
    const oneHour = cachedSystem(`${LONG_SYSTEM} v8`, '1h');
    const hourFirst = await sim.client.messages.create(request(oneHour));
    expect(hourFirst.usage.cache_creation).toMatchObject({
      ephemeral_1h_input_tokens: hourFirst.usage.cache_creation_input_tokens,
    });
    await sim.client.messages.create(request(fiveMinutes));
    clock += 4 * 60_000;
    expect((await sim.client.messages.create(request(fiveMinutes))).usage.cache_read_input_tokens).toBeGreaterThan(0);
    clock += 4 * 60_000; // 4 min after the read that refreshed it: still there
    expect((await sim.client.messages.create(request(fiveMinutes))).usage.cache_read_input_tokens).toBeGreaterThan(0);
    clock += 6 * 60_000;
    const expired = await sim.client.messages.create(request(fiveMinutes));
    expect(expired.usage.cache_read_input_tokens).toBe(0);
    expect(expired.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect((await sim.client.messages.create(request(oneHour))).usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it('keeps a bounded number of prefixes, forgetting the least recently used', async () => {
    const small = await startTestSim({ promptCache: { maxEntries: 2 } });
    try {
      const prompts = ['a', 'b', 'c'].map((suffix) => cachedSystem(`${LONG_SYSTEM} ${suffix}`));
      for (const system of prompts) await small.client.messages.create(request(system));
      const [a, , c] = prompts as [TextBlockParam[], TextBlockParam[], TextBlockParam[]];
      expect((await small.client.messages.create(request(c))).usage.cache_read_input_tokens).toBeGreaterThan(0);
      expect((await small.client.messages.create(request(a))).usage.cache_read_input_tokens).toBe(0);
    } finally {
      await small.stop();
    }
  });
});
