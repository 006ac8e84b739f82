import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import type { UIMessageChunk } from 'ai';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClaudeTurnRunner } from '../../src/turn/claude-turn-runner.ts';
import type { ChatCaller, TurnInput, TurnResult } from '../../src/turn/turn-contract.ts';
import { createFixtureGateway, type FixtureGateway } from './fixture-gateway.ts';

let sim: RunningModelSim;
let gateway: FixtureGateway;
const alice: ChatCaller = { kind: 'customer', customerId: 'cust_alice' };
const anonymous: ChatCaller = { kind: 'anonymous' };

beforeAll(async () => {
  sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
});
afterAll(() => sim?.stop());
beforeEach(() => {
  gateway = createFixtureGateway();
});

function runner(
  options: { maxRounds?: number; headers?: Record<string, string>; maxRetries?: number; now?: () => number } = {},
) {
  const client = new Anthropic({
    apiKey: 'model-sim',
    baseURL: sim.url,
    maxRetries: options.maxRetries ?? 2,
    ...(options.headers ? { defaultHeaders: options.headers } : {}),
  });
  return createClaudeTurnRunner({
    client,
    model: 'claude-sonnet-5-5',
    gateway,
    log: pino({ level: 'silent' }),
    ...(options.maxRounds ? { limits: { maxRounds: options.maxRounds } } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

async function turn(
  input: Partial<TurnInput> & { caller: ChatCaller },
  options?: Parameters<typeof runner>[0],
): Promise<{ result: TurnResult; chunks: UIMessageChunk[] }> {
  const chunks: UIMessageChunk[] = [];
  const result = await runner(options).run(
    {
      conversationId: 'conv-test-1',
      history: [],
      pending: [],
      answers: [],
      signal: new AbortController().signal,
      ...input,
    },
    { write: (chunk) => chunks.push(chunk) },
  );
  return { result, chunks };
}

const textOf = (chunks: UIMessageChunk[]) => chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : [])).join('');

function expectAlternating(history: MessageParam[]) {
  expect(history.map((message) => message.role)).toEqual(history.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')));
}

describe('the tool-use loop against model-sim', () => {
  it('answers small talk without tools, streaming the text', async () => {
    const { result, chunks } = await turn({ caller: anonymous, userText: 'hello' });
    expect(result.finishReason).toBe('stop');
    expect(textOf(chunks)).toMatch(/offline demo model/);
    expect(chunks.filter((c) => c.type === 'text-delta').length).toBeGreaterThan(0);
    expect(gateway.calls).toEqual([]);
    expectAlternating(result.history);
  });

  it('runs a read-only tool for the signed-in customer and grounds the answer in its result', async () => {
    const { result, chunks } = await turn({ caller: alice, userText: 'Where is my order A-1042?' });
    expect(gateway.calls).toEqual([
      { name: 'track_shipment', input: { order_number: 'A-1042' }, customerId: 'cust_alice' },
    ]);
    expect(chunks.map((c) => c.type)).toEqual(
      expect.arrayContaining(['tool-input-available', 'tool-output-available']),
    );
    expect(textOf(chunks)).toMatch(/DHL/);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.modelCalls).toBe(2);
    expectAlternating(result.history);
  });

  it('passes an anonymous visitor’s order question to the server, which asks them to sign in', async () => {
    const { chunks } = await turn({ caller: anonymous, userText: 'Where is my order A-1042?' });
    expect(gateway.calls[0]?.customerId).toBeUndefined();
    expect(chunks.some((c) => c.type === 'tool-output-error')).toBe(true);
    expect(textOf(chunks)).toMatch(/sign in/i);
  });

  it('stops before a destructive call and runs it only after the customer approves that exact call', async () => {
    const first = await turn({ caller: alice, userText: 'Please cancel my order A-1049' });
    expect(first.result.finishReason).toBe('approval');
    expect(gateway.calls).toEqual([]);
    const [pending] = first.result.pending;
    expect(pending).toMatchObject({ toolName: 'cancel_order', input: { order_number: 'A-1049' } });
    expect(first.chunks).toContainEqual({
      type: 'tool-approval-request',
      approvalId: pending?.approvalId,
      toolCallId: pending?.toolCallId,
      reason: 'Would cancel_order {"order_number":"A-1049"}.',
    });

    const second = await turn({
      caller: alice,
      history: first.result.history,
      pending: first.result.pending,
      answers: [{ approvalId: String(pending?.approvalId), approved: true }],
    });
    expect(gateway.calls).toEqual([
      { name: 'cancel_order', input: { order_number: 'A-1049' }, customerId: 'cust_alice' },
    ]);
    expect(second.result.finishReason).toBe('stop');
    expect(textOf(second.chunks)).toMatch(/cancelled/);
    expectAlternating(second.result.history);
  });

  it('never asks an anonymous visitor to confirm a call the server would refuse', async () => {
    const { result, chunks } = await turn({ caller: anonymous, userText: 'Please cancel my order A-1049' });
    expect(result.pending).toEqual([]);
    expect(chunks.some((c) => c.type === 'tool-approval-request')).toBe(false);
    expect(chunks).toContainEqual(
      expect.objectContaining({ type: 'tool-output-error', errorText: 'Please sign in first.' }),
    );
    expect(gateway.calls).toEqual([]);
    expect(textOf(chunks)).toMatch(/sign in/i);
    expectAlternating(result.history);
  });

  it.each([
    ['declined', (id: string) => [{ approvalId: id, approved: false }]],
    ['answered for another approval', () => [{ approvalId: 'forged-approval-id', approved: true }]],
    ['not answered (a new message instead)', () => []],
  ])('never runs the destructive call when the approval is %s', async (_label, answers) => {
    const first = await turn({ caller: alice, userText: 'Please cancel my order A-1049' });
    const approvalId = String(first.result.pending[0]?.approvalId);
    const second = await turn({
      caller: alice,
      history: first.result.history,
      pending: first.result.pending,
      answers: answers(approvalId),
      userText: 'thanks',
    });
    expect(gateway.calls).toEqual([]);
    expect(second.chunks).toContainEqual({
      type: 'tool-output-denied',
      toolCallId: first.result.pending[0]?.toolCallId,
    });
    expectAlternating(second.result.history);
  });

  it('treats an expired approval as no', async () => {
    let clock = Date.now();
    const first = await turn({ caller: alice, userText: 'Please cancel my order A-1049' }, { now: () => clock });
    clock += 11 * 60_000;
    const second = await turn(
      {
        caller: alice,
        history: first.result.history,
        pending: first.result.pending,
        answers: [{ approvalId: String(first.result.pending[0]?.approvalId), approved: true }],
      },
      { now: () => clock },
    );
    expect(gateway.calls).toEqual([]);
    expect(second.chunks.some((c) => c.type === 'tool-output-denied')).toBe(true);
  });

  it('keeps a down server’s tools from the model and answers honestly when a call fails', async () => {
    gateway.down.add('docs');
    const { result, chunks } = await turn({ caller: anonymous, userText: 'How long does delivery to Norway take?' });
    expect(gateway.calls).toEqual([]);
    expect(result.finishReason).toBe('stop');
    expect(textOf(chunks).length).toBeGreaterThan(0);
  });

  it('stops at the iteration limit with a clear message', async () => {
    const { result, chunks } = await turn({ caller: alice, userText: 'Where is my order A-1042?' }, { maxRounds: 1 });
    expect(result.finishReason).toBe('iteration-limit');
    expect(textOf(chunks)).toMatch(/could not finish/);
    expectAlternating(result.history);
  });

  it('retries an overloaded model and ends cleanly when it stays overloaded', async () => {
    const failing = await turn(
      { caller: anonymous, userText: 'hello' },
      { headers: { 'x-model-sim-fail': '529' }, maxRetries: 1 },
    );
    expect(failing.result.finishReason).toBe('error');
    expect(failing.chunks).toContainEqual({
      type: 'error',
      errorText: expect.stringMatching(/temporarily unavailable/),
    });
  });

  it('recovers from an overloaded model through the SDK’s retry with backoff', async () => {
    const flaky = await startModelSim({ port: 0, logger: pino({ level: 'silent' }), overloadEvery: 2 });
    try {
      const client = new Anthropic({ apiKey: 'model-sim', baseURL: flaky.url, maxRetries: 2 });
      const retrying = createClaudeTurnRunner({
        client,
        model: 'claude-sonnet-5-5',
        gateway,
        log: pino({ level: 'silent' }),
      });
      const chunks: UIMessageChunk[] = [];
      // Request 2 of the turn (the answer after the tool result) is refused with 529 and retried.
      const result = await retrying.run(
        {
          conversationId: 'conv-retry',
          caller: alice,
          history: [],
          pending: [],
          answers: [],
          userText: 'Where is my order A-1042?',
          signal: new AbortController().signal,
        },
        { write: (chunk) => chunks.push(chunk) },
      );
      expect(result.finishReason).toBe('stop');
      expect(textOf(chunks)).toMatch(/DHL/);
      const metrics = await (await fetch(`${flaky.url}/metrics`)).text();
      expect(metrics).toMatch(/model_sim_simulated_failures_total\{[^}]*status="529"[^}]*\} [1-9]/);
    } finally {
      await flaky.stop();
    }
  });

  it('uses prompt caching: the second turn reads the cached tools and system prompt', async () => {
    const first = await turn({ caller: alice, userText: 'Where is my order A-1042?' });
    const second = await turn({ caller: alice, history: first.result.history, userText: 'And where is A-1031?' });
    expect(first.result.usage.cacheCreationInputTokens + first.result.usage.cacheReadInputTokens).toBeGreaterThan(0);
    expect(second.result.usage.cacheReadInputTokens).toBeGreaterThan(0);
  });
});
