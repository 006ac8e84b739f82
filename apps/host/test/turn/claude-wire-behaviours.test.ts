import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixtureGateway, type FixtureGateway } from './fixture-gateway.ts';
import {
  expectCleanEnd,
  type ReplayStep,
  type RequestBody,
  replayingFetch,
  runWireTurn,
  textOf,
  type WireTurn,
} from './support/wire-turn.ts';

// Each behaviour of a real Claude model is a recorded stream in packages/model-sim/fixtures/wire, replayed by
// model-sim over HTTP to the real SDK. The assertions are about what the customer's browser receives.

let sim: RunningModelSim;
let gateway: FixtureGateway;

beforeAll(async () => {
  sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
});
afterAll(() => sim?.stop());
beforeEach(() => {
  gateway = createFixtureGateway();
});

interface ReplayedTurn extends WireTurn {
  /** The bodies the SDK sent, one per HTTP request (retries included). */
  requests: RequestBody[];
}

/** One turn whose model calls are answered in order by `replay` (see {@link ReplayStep}). */
async function wireTurn(
  userText: string,
  replay: ReplayStep[],
  options: { maxRetries?: number; thinkingBudgetTokens?: number; maxRounds?: number } = {},
): Promise<ReplayedTurn> {
  const { fetch, requests } = replayingFetch(replay);
  const client = new Anthropic({ apiKey: 'model-sim', baseURL: sim.url, maxRetries: options.maxRetries ?? 0, fetch });
  return { ...(await runWireTurn(client, gateway, userText, options)), requests };
}

function expectAlternating(history: MessageParam[]) {
  expect(history.map((message) => message.role)).toEqual(history.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')));
}

describe('real Claude wire behaviours, replayed by model-sim', () => {
  it('keeps a thinking block and passes it back unchanged, signature included, within the tool loop', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['thinking-tool-use', undefined], {
      thinkingBudgetTokens: 2048,
    });
    expect(gateway.calls).toEqual([
      { name: 'track_shipment', input: { order_number: 'A-1042' }, customerId: 'cust_alice' },
    ]);
    const [first, second] = turn.requests;
    expect(first?.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(first?.max_tokens).toBe(1024 + 2048);
    const sentBack = second?.messages[1];
    expect(sentBack?.role).toBe('assistant');
    expect(sentBack?.content).toEqual([
      {
        type: 'thinking',
        thinking: 'The customer asks where order A-1042 is. I should track the shipment before answering.',
        signature: expect.stringMatching(/^EqQBCkgIBxAB.*4c$/),
      },
      {
        type: 'tool_use',
        id: 'toolu_01ThinkTrack8aB7cD6eF5gH',
        name: 'track_shipment',
        input: { order_number: 'A-1042' },
      },
    ]);
    // The customer never sees the model's thinking.
    expect(JSON.stringify(turn.chunks)).not.toMatch(/I should track the shipment/);
    expectCleanEnd(turn.message);
    expect(turn.result.finishReason).toBe('stop');
    expectAlternating(turn.result.history);
  });

  it('makes parallel tool calls together, answers them in one user message, and still asks before a change', async () => {
    const turn = await wireTurn('Where is A-1042, and please cancel A-1049', ['parallel-tool-use']);
    expect(gateway.calls.map((call) => call.name).sort()).toEqual(['search_docs', 'track_shipment']);
    expect(turn.result.finishReason).toBe('approval');
    expect(turn.result.pending).toEqual([
      expect.objectContaining({ toolName: 'cancel_order', toolCallId: 'toolu_01ParCancel2q3R4s5T6u7V8w' }),
    ]);
    const results = turn.result.history.at(-1) ?? { role: 'user', content: [] };
    expect(results.role).toBe('user');
    const answered = (results.content as { tool_use_id?: string }[]).map((block) => block.tool_use_id);
    expect(answered.sort()).toEqual(['toolu_01ParDocs9h8J7k6L5m4N3p', 'toolu_01ParTrack1a2B3c4D5e6F7g']);
    expect(turn.chunks.filter((chunk) => chunk.type === 'tool-output-available')).toHaveLength(2);
    expect(turn.chunks).toContainEqual(expect.objectContaining({ type: 'tool-approval-request' }));
    expectCleanEnd(turn.message);
  });

  it('sends a tool call with {} input to the tool like any other, and the server’s validation answers it', async () => {
    const turn = await wireTurn('Where is my order?', ['empty-input-tool-use', undefined]);
    expect(turn.chunks).toContainEqual(
      expect.objectContaining({
        type: 'tool-input-available',
        toolCallId: 'toolu_01EmptyTrackK9j8H7g6F5d4',
        input: {},
      }),
    );
    expect(turn.chunks).toContainEqual(
      expect.objectContaining({
        type: 'tool-output-error',
        errorText: expect.stringMatching(/order_number is required/),
      }),
    );
    expect(gateway.calls).toEqual([]);
    const toolResult = turn.requests[1]?.messages.at(-1)?.content as { type: string; is_error?: boolean }[];
    expect(toolResult).toEqual([expect.objectContaining({ type: 'tool_result', is_error: true })]);
    expect(turn.result.finishReason).toBe('stop');
    expectCleanEnd(turn.message);
  });

  it('never makes a tool call that max_tokens cut in the middle, and says the answer was cut off', async () => {
    const turn = await wireTurn('Please cancel my order A-1049', ['max-tokens-in-tool-use']);
    expect(gateway.calls).toEqual([]);
    expect(turn.result.pending).toEqual([]);
    expect(turn.result.finishReason).toBe('length');
    expect(turn.requests).toHaveLength(1);
    expect(turn.chunks).toContainEqual(
      expect.objectContaining({ type: 'tool-input-error', toolCallId: 'toolu_01CutCancelR4e3W2q1A9s8D7' }),
    );
    expect(textOf(turn.message)).toMatch(/cut off because it grew too long, and nothing was changed/);
    // The stored history holds no unanswered tool call, so the next request is valid.
    expect(JSON.stringify(turn.result.history)).not.toMatch(/toolu_01CutCancel/);
    expectAlternating(turn.result.history);
    expectCleanEnd(turn.message);
  });

  it('continues a paused turn by sending the paused answer back, as one assistant message', async () => {
    const turn = await wireTurn('How long does shipping to Norway take?', ['pause-turn', 'cache-usage']);
    expect(turn.requests).toHaveLength(2);
    const resumed = turn.requests[1]?.messages.at(-1);
    expect(resumed?.role).toBe('assistant');
    expect(resumed?.content).toEqual([
      { type: 'text', text: 'Let me look into that.' },
      {
        type: 'server_tool_use',
        id: 'srvtoolu_01PauseSearchX3c4V5b6N7m8',
        name: 'web_search',
        input: { query: 'shipping times Norway' },
      },
    ]);
    expect(textOf(turn.message)).toMatch(/Let me look into that\.[\s\S]*on its way with DHL\./);
    expect(turn.result.finishReason).toBe('stop');
    expectAlternating(turn.result.history);
    expectCleanEnd(turn.message);
  });

  it('stops pausing at the round limit with an honest sentence', async () => {
    const turn = await wireTurn('How long does shipping take?', ['pause-turn', 'pause-turn'], { maxRounds: 2 });
    expect(turn.requests).toHaveLength(2);
    expect(turn.result.finishReason).toBe('iteration-limit');
    expect(textOf(turn.message)).toMatch(/could not finish this within the steps/);
    expectAlternating(turn.result.history);
    expectCleanEnd(turn.message);
  });

  it('answers a refusal with an honest sentence and keeps only that in the history', async () => {
    const turn = await wireTurn('Something the model refuses', ['refusal']);
    expect(textOf(turn.message)).toMatch(/can’t help with that request/);
    expect(turn.result.history.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: expect.stringMatching(/can’t help with that request/) }],
    });
    expect(turn.modelCalls[0]?.stopReason).toBe('refusal');
    expectCleanEnd(turn.message);
  });

  it('ends a stream that an overload broke midway with a sentence saying the answer is incomplete', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['overloaded-mid-stream']);
    expect(turn.requests).toHaveLength(1);
    expect(textOf(turn.message)).toMatch(
      /^Your order A-1042 was shipped\n.*interrupted because the assistant is overloaded/,
    );
    expect(turn.result.finishReason).toBe('error');
    expectAlternating(turn.result.history);
    expectCleanEnd(turn.message);
  });

  it('calls again when the overload comes before any content, and answers normally', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['overloaded-before-content', 'cache-usage']);
    expect(turn.requests).toHaveLength(2);
    expect(textOf(turn.message)).toBe('Your order A-1042 is on its way with DHL.');
    expect(turn.result.finishReason).toBe('stop');
    expectCleanEnd(turn.message);
  });

  it('gives up on an overload before any content after a bounded number of calls, with an honest error', async () => {
    const early = 'overloaded-before-content';
    const turn = await wireTurn('Where is my order A-1042?', [early, early, early, early, early]);
    expect(turn.requests).toHaveLength(3);
    expect(turn.chunks).toContainEqual({
      type: 'error',
      errorText: 'The assistant is temporarily unavailable. Please try again in a moment.',
    });
    expect(turn.result.finishReason).toBe('error');
  });

  it('lets the SDK retry a 429 after its retry-after, then answers', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['rate-limited', 'cache-usage'], { maxRetries: 1 });
    expect(turn.requests).toHaveLength(2);
    expect(textOf(turn.message)).toBe('Your order A-1042 is on its way with DHL.');
    expect(turn.result.finishReason).toBe('stop');
  });

  it('ends with an honest error when the rate limit outlasts the retries', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['rate-limited', 'rate-limited'], { maxRetries: 1 });
    expect(turn.requests).toHaveLength(2);
    expect(turn.chunks).toContainEqual(expect.objectContaining({ type: 'error' }));
    expect(turn.result.finishReason).toBe('error');
    expect(gateway.calls).toEqual([]);
  });

  it('records prompt-cache creation and reads per model call and for the turn', async () => {
    const turn = await wireTurn('Where is my order A-1042?', ['cache-usage']);
    expect(turn.modelCalls).toEqual([
      expect.objectContaining({
        inputTokens: 12,
        cacheCreationInputTokens: 1840,
        cacheReadInputTokens: 2210,
        outputTokens: 14,
        stopReason: 'end_turn',
      }),
    ]);
    expect(turn.result.usage).toMatchObject({ cacheCreationInputTokens: 1840, cacheReadInputTokens: 2210 });
  });
});
