import { readdirSync, readFileSync } from 'node:fs';
import { BadRequestError, RateLimitError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_HEADER } from '../src/index.ts';
import { WIRE_FIXTURES_DIR } from '../src/wire-fixtures.ts';
import { MODEL, startTestSim, type TestSim } from './support/start-test-sim.ts';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.stop());

const request = { model: MODEL, max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };
const streams = readdirSync(WIRE_FIXTURES_DIR)
  .filter((file) => file.endsWith('.sse'))
  .map((file) => file.slice(0, -'.sse'.length));

async function rawReplay(name: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${sim.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', [REPLAY_HEADER]: name },
    body: JSON.stringify(body),
  });
}

describe('recorded wire fixtures', () => {
  it.each(streams)('replays %s byte for byte, as an event stream', async (name) => {
    const response = await rawReplay(name, { ...request, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await response.text()).toBe(readFileSync(new URL(`${name}.sse`, WIRE_FIXTURES_DIR), 'utf8'));
  });

  it('gives the SDK a complete message it can assemble: thinking with its signature, then the tool call', async () => {
    const stream = sim.client.messages.stream(request, { headers: { [REPLAY_HEADER]: 'thinking-tool-use' } });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(message.content[0]).toMatchObject({ signature: expect.stringMatching(/^EqQB/) });
    expect(message.content[1]).toMatchObject({ input: { order_number: 'A-1042' } });
  });

  it('makes the SDK raise the mid-stream overload as an error of type overloaded_error', async () => {
    const stream = sim.client.messages.stream(request, { headers: { [REPLAY_HEADER]: 'overloaded-mid-stream' } });
    await expect(stream.finalMessage()).rejects.toMatchObject({ type: 'overloaded_error' });
  });

  it('answers the 429 fixture with its status, retry-after and body', async () => {
    const error = await sim.client.messages
      .create(request, { headers: { [REPLAY_HEADER]: 'rate-limited' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('1');
  });

  it('refuses an unknown fixture, and a recorded stream for a request that does not stream, with a 400', async () => {
    const unknown = await sim.client.messages
      .create(request, { headers: { [REPLAY_HEADER]: 'no-such-thing' } })
      .catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect((unknown as BadRequestError).message).toMatch(/no wire fixture named .*no-such-thing.*known: .*refusal/);
    const notStreaming = await rawReplay('refusal', request);
    expect(notStreaming.status).toBe(400);
  });
});
