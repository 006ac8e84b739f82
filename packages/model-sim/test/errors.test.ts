import Anthropic, {
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  InternalServerError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAIL_HEADER } from '../src/index.ts';
import { SHOP_TOOLS } from './fixtures/shop-tools.ts';
import { MODEL, startTestSim, type TestSim } from './support/start-test-sim.ts';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.stop());

const valid: MessageCreateParamsNonStreaming = {
  model: MODEL,
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
};

/** Sends a body the SDK's types would refuse, and returns the error the SDK raised. */
async function rejection(body: Record<string, unknown>): Promise<BadRequestError> {
  const error = await sim.client.messages.create(body as unknown as MessageCreateParamsNonStreaming).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'get_order', input: { order_number: 'A-1042' } };

describe('malformed requests get a 400 shaped like the real API', () => {
  it.each([
    ['missing max_tokens', { model: MODEL, messages: valid.messages }, 'max_tokens: Field required'],
    ['missing model', { max_tokens: 10, messages: valid.messages }, 'model: Field required'],
    ['max_tokens not an integer', { ...valid, max_tokens: 1.5 }, 'max_tokens: Input should be a valid integer'],
    ['no messages', { ...valid, messages: [] }, 'messages: at least one message is required'],
    [
      'two user turns in a row',
      { ...valid, messages: [valid.messages[0], { role: 'user', content: 'again' }] },
      'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
    ],
    [
      'assistant first',
      { ...valid, messages: [{ role: 'assistant', content: 'hi' }] },
      'messages: first message must use the "user" role',
    ],
    [
      'a system role in messages',
      { ...valid, messages: [{ role: 'system', content: 'x' }] },
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    [
      'empty content',
      { ...valid, messages: [{ role: 'user', content: '' }] },
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'an unknown block type',
      { ...valid, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
      "messages.0.content.0.type: Input tag 'video' found using 'type' does not match any of the expected tags",
    ],
    [
      'a text block without text',
      { ...valid, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages.0.content.0.text: Field required',
    ],
    [
      'a tool_use without its tool_result',
      {
        ...valid,
        messages: [valid.messages[0], { role: 'assistant', content: [toolUse] }, { role: 'user', content: 'and?' }],
      },
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.',
    ],
    [
      'a tool_result without its tool_use',
      {
        ...valid,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'x' }] }],
      },
      'messages.0.content: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9.',
    ],
    ['temperature above 1', { ...valid, temperature: 2 }, 'temperature: Input should be less than or equal to 1'],
    ['stream not a boolean', { ...valid, stream: 'yes' }, 'stream: Input should be a valid boolean'],
    [
      'tool_choice naming an unknown tool',
      { ...valid, tools: SHOP_TOOLS, tool_choice: { type: 'tool', name: 'launch_rocket' } },
      "tool_choice.name: Tool 'launch_rocket' not found in tools.",
    ],
    ['duplicate tool names', { ...valid, tools: [SHOP_TOOLS[0], SHOP_TOOLS[0]] }, 'tools: Tool names must be unique.'],
    [
      'a tool without input_schema',
      { ...valid, tools: [{ name: 'x', description: 'y' }] },
      'tools.0.custom.input_schema: Field required',
    ],
    [
      'five cache breakpoints',
      {
        ...valid,
        system: Array.from({ length: 5 }, (_, index) => ({
          type: 'text',
          text: `part ${index}`,
          cache_control: { type: 'ephemeral' },
        })),
      },
      'A maximum of 4 blocks with cache_control may be provided. Found 5.',
    ],
  ])('%s', async (_case, body, message) => {
    const error = await rejection(body);
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((error.error as { error: { message: string } }).error.message).toContain(message);
    expect(error.requestID).toMatch(/^req_/);
  });

  it('answers a body that is not JSON with 400 invalid_request_error', async () => {
    const response = await fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('answers unknown paths with 404 not_found_error and wrong methods with 405', async () => {
    const missing = await fetch(`${sim.url}/v1/complete`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const wrongMethod = await fetch(`${sim.url}/v1/messages`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});

describe('limits and authentication', () => {
  it('refuses a body over the limit with 413 request_too_large', async () => {
    const small = await startTestSim({ bodyLimitBytes: 4096 });
    try {
      const error = await small.client.messages
        .create({ ...valid, messages: [{ role: 'user', content: 'x'.repeat(10_000) }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentTooLargeError);
      expect((error as ContentTooLargeError).error).toMatchObject({
        type: 'error',
        error: { type: 'request_too_large' },
      });
    } finally {
      await small.stop();
    }
  });

  it('requires the configured API key as x-api-key (or a bearer token)', async () => {
    const guarded = await startTestSim({ apiKey: 'sim-secret-key' });
    try {
      await expect(guarded.client.messages.create(valid)).resolves.toMatchObject({ type: 'message' });
      const wrong = new Anthropic({ apiKey: 'nope', baseURL: guarded.url, maxRetries: 0 });
      const error = await wrong.messages.create(valid).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).error).toMatchObject({
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      });
      const bearer = new Anthropic({ apiKey: null, authToken: 'sim-secret-key', baseURL: guarded.url, maxRetries: 0 });
      await expect(bearer.messages.create(valid)).resolves.toMatchObject({ type: 'message' });
      const none = await fetch(`${guarded.url}/v1/messages`, { method: 'POST', body: JSON.stringify(valid) });
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({
        error: { type: 'authentication_error', message: 'x-api-key header is required' },
      });
    } finally {
      await guarded.stop();
    }
  });
});

describe('simulated failures, for testing a host retry logic at the wire', () => {
  it(`${FAIL_HEADER}: 529 makes the SDK see an overloaded error`, async () => {
    const error = await sim.client.messages
      .create(valid, { headers: { [FAIL_HEADER]: '529' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).status).toBe(529);
    expect((error as OverloadedError).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it(`${FAIL_HEADER}: 429 is a rate limit with retry-after; 500 an api_error`, async () => {
    const limited = await sim.client.messages
      .create(valid, { headers: { [FAIL_HEADER]: '429' } })
      .catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get('retry-after')).toBe('1');
    const broken = await sim.client.messages
      .create(valid, { headers: { [FAIL_HEADER]: '500' } })
      .catch((caught: unknown) => caught);
    expect(broken).toBeInstanceOf(InternalServerError);
    expect((broken as InternalServerError).error).toMatchObject({ error: { type: 'api_error' } });
  });

  it('overloadEvery: every Nth request is overloaded, and the SDK retry gets through', async () => {
    const flaky = await startTestSim({ overloadEvery: 2 });
    try {
      await expect(flaky.client.messages.create(valid)).resolves.toMatchObject({ type: 'message' });
      await expect(flaky.client.messages.create(valid)).rejects.toBeInstanceOf(OverloadedError);
      await expect(flaky.client.messages.create(valid)).resolves.toMatchObject({ type: 'message' });
      // Request 4 is overloaded; the SDK retries it as request 5.
      const retrying = new Anthropic({ apiKey: 'k', baseURL: flaky.url, maxRetries: 1 });
      await expect(retrying.messages.create(valid)).resolves.toMatchObject({ type: 'message' });
      const metrics = await (await fetch(`${flaky.url}/metrics`)).text();
      expect(metrics).toMatch(/model_sim_simulated_failures_total\{status="529",service="model-sim"\} 2/);
    } finally {
      await flaky.stop();
    }
  });
});
