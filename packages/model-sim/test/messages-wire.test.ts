import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_MARKER } from '../src/index.ts';
import { SHOP_TOOLS } from './fixtures/shop-tools.ts';
import { MODEL, startTestSim, type TestSim } from './support/start-test-sim.ts';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.stop());

const ask = (content: string) => ({
  model: MODEL,
  max_tokens: 1024,
  tools: SHOP_TOOLS,
  messages: [{ role: 'user' as const, content }],
});

/** The raw SSE event names of a streamed answer, ping included (the SDK's iterator skips pings). */
async function rawEventNames(body: unknown): Promise<string[]> {
  const response = await fetch(`${sim.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  return [...text.matchAll(/^event: (\S+)$/gm)].map((match) => match[1] ?? '');
}

describe('POST /v1/messages through the official SDK', () => {
  it('answers non-streaming with a complete message shaped like the real API', async () => {
    const message = await sim.client.messages.create(ask('hello'));
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      stop_reason: 'end_turn',
      stop_sequence: null,
      content: [{ type: 'text' }],
    });
    expect(message.id).toMatch(/^msg_[0-9A-Za-z]{24}$/);
    const text = message.content[0]?.type === 'text' ? message.content[0].text : '';
    expect(text.startsWith(OFFLINE_MARKER)).toBe(true);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.cache_creation_input_tokens).toBe(0);
    expect(message.usage.cache_read_input_tokens).toBe(0);
  });

  it('sends a request-id header like the real API', async () => {
    const { response } = await sim.client.messages.create(ask('hello')).withResponse();
    expect(response.headers.get('request-id')).toMatch(/^req_[0-9A-Za-z]{24}$/);
  });

  it('streams text that messages.stream() assembles into the same message as the non-streaming answer', async () => {
    const stream = sim.client.messages.stream(ask('hello'));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    const plain = await sim.client.messages.create(ask('hello'));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(plain.content[0]?.type === 'text' ? plain.content[0].text : undefined);
    expect(final.content).toEqual(plain.content);
    expect(final.id).toBe(plain.id);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(plain.usage.output_tokens);
    expect(final.usage.input_tokens).toBe(plain.usage.input_tokens);
  });

  it('emits the stream events of a text answer in the API order', async () => {
    const stream = await sim.client.messages.create({ ...ask('hello'), stream: true });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('content_block_start');
    expect(types.slice(2, -3).every((type) => type === 'content_block_delta')).toBe(true);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const delta = events.at(-2);
    expect(delta).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
    expect(delta?.type === 'message_delta' && delta.usage.output_tokens).toBeGreaterThan(0);
  });

  it('includes a ping right after the first content block starts', async () => {
    const names = await rawEventNames({ ...ask('hello'), stream: true });
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('streams tool calls as tool_use blocks with input_json_delta chunks', async () => {
    const stream = await sim.client.messages.create({
      ...ask('My jacket from order A-1007 leaks. Is that covered?'),
      stream: true,
    });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => event.content_block.type)).toEqual(['tool_use', 'tool_use']);
    for (const [index] of starts.entries()) {
      const json = events
        .filter((event) => event.type === 'content_block_delta' && event.index === index)
        .map((event) =>
          event.type === 'content_block_delta' && event.delta.type === 'input_json_delta'
            ? event.delta.partial_json
            : '',
        )
        .join('');
      expect(() => JSON.parse(json)).not.toThrow();
    }
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'tool_use' } });
    const final = await sim.client.messages
      .stream(ask('My jacket from order A-1007 leaks. Is that covered?'))
      .finalMessage();
    expect(final.content).toMatchObject([
      { type: 'tool_use', name: 'get_order', input: { order_number: 'A-1007' } },
      { type: 'tool_use', name: 'search_docs' },
    ]);
    for (const block of final.content)
      if (block.type === 'tool_use') expect(block.id).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
  });

  it('is deterministic: the same request gives the same ids, content and usage', async () => {
    const first = await sim.client.messages.create(ask('Where is my order A-1042?'));
    const second = await sim.client.messages.create(ask('Where is my order A-1042?'));
    expect(second).toEqual(first);
    const other = await sim.client.messages.create(ask('Where is my order A-1043?'));
    expect(other.id).not.toBe(first.id);
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const message = await sim.client.messages.create({ ...ask('hello'), max_tokens: 5 });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBeLessThanOrEqual(5);
    const text = message.content[0]?.type === 'text' ? message.content[0].text : '';
    expect(text.length).toBeLessThanOrEqual(20);
  });

  it('honours stop_sequences', async () => {
    const message = await sim.client.messages.create({ ...ask('hello'), stop_sequences: ['Hello'] });
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'Hello' });
    expect(message.content[0]?.type === 'text' && message.content[0].text).toBe(`${OFFLINE_MARKER} `);
  });

  it('counts tokens at about four characters per token (messages.countTokens)', async () => {
    const small = await sim.client.messages.countTokens({
      model: MODEL,
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
    });
    expect(small.input_tokens).toBeGreaterThanOrEqual(100);
    expect(small.input_tokens).toBeLessThan(110);
    const withTools = await sim.client.messages.countTokens({
      model: MODEL,
      tools: SHOP_TOOLS,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(withTools.input_tokens).toBeGreaterThan(JSON.stringify(SHOP_TOOLS).length / 4);
  });

  it('accepts system prompts as text blocks, sampling parameters, metadata and images (ignored)', async () => {
    // Older SDKs and other clients still send sampling parameters; the SDK's current types no longer list them.
    const sampling = { temperature: 0.2, top_p: 0.9, top_k: 40 } as Record<string, number>;
    const message = await sim.client.messages.create({
      ...sampling,
      model: MODEL,
      max_tokens: 200,
      metadata: { user_id: 'cust_alice' },
      system: [{ type: 'text', text: 'You are the support assistant.', cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'auto' },
      tools: SHOP_TOOLS,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'text', text: 'Where is my order A-1042?' },
          ],
        },
      ],
    });
    expect(message.content).toMatchObject([
      { type: 'tool_use', name: 'track_shipment', input: { order_number: 'A-1042' } },
    ]);
  });
});

describe('operational endpoints', () => {
  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    expect(await (await fetch(`${sim.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${sim.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${sim.url}/metrics`)).text();
    expect(metrics).toContain('model_sim_requests_total');
    expect(metrics).toMatch(/model_sim_tokens_total\{kind="output",service="model-sim"\} \d+/);
  });
});
