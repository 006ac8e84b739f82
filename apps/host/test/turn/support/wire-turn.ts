import type { ClientOptions } from '@anthropic-ai/sdk/client';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { FAIL_HEADER, REPLAY_HEADER } from '@shopchat/model-sim';
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import pino from 'pino';
import { expect } from 'vitest';
import type { ModelClient } from '../../../src/llm/create-model-client.ts';
import { createClaudeTurnRunner } from '../../../src/turn/claude-turn-runner.ts';
import type { ChatCaller, ModelCallFact, TurnResult } from '../../../src/turn/turn-contract.ts';
import type { FixtureGateway } from '../fixture-gateway.ts';

// Drives the real turn runner against model-sim replaying recorded wire fixtures
// (packages/model-sim/fixtures/wire), through the real SDK of whichever provider, over HTTP.

/** What request n of a turn gets: a fixture by name, a simulated failure, or model-sim's planned answer. */
export type ReplayStep = string | { fail: string } | undefined;

/** A request body as the SDK sent it (for Bedrock and Vertex, without `model`, which is in the path). */
export type RequestBody = { messages: MessageParam[]; max_tokens: number; thinking?: unknown };

/** A fetch for the SDK that sets model-sim's replay header per request and keeps every body it sends. */
export function replayingFetch(replay: ReplayStep[]): {
  fetch: NonNullable<ClientOptions['fetch']>;
  requests: RequestBody[];
} {
  const requests: RequestBody[] = [];
  const replayFetch: NonNullable<ClientOptions['fetch']> = (url, init) => {
    const step = replay[requests.length];
    requests.push(JSON.parse(String(init?.body)));
    const headers = new Headers(init?.headers);
    if (typeof step === 'string') headers.set(REPLAY_HEADER, step);
    else if (step) headers.set(FAIL_HEADER, step.fail);
    return fetch(url, { ...init, headers });
  };
  return { fetch: replayFetch, requests };
}

export interface WireTurn {
  result: TurnResult;
  chunks: UIMessageChunk[];
  /** The assistant message as the AI SDK's own reader builds it from the chunks, with a closing `finish`. */
  message: UIMessage;
  modelCalls: ModelCallFact[];
}

/** One turn of the signed-in customer through `client`. */
export async function runWireTurn(
  client: ModelClient,
  gateway: FixtureGateway,
  userText: string,
  options: { thinkingBudgetTokens?: number; maxRounds?: number; caller?: ChatCaller } = {},
): Promise<WireTurn> {
  const runner = createClaudeTurnRunner({
    client,
    model: 'claude-sonnet-5-5',
    gateway,
    log: pino({ level: 'silent' }),
    ...(options.thinkingBudgetTokens ? { thinkingBudgetTokens: options.thinkingBudgetTokens } : {}),
    ...(options.maxRounds ? { limits: { maxRounds: options.maxRounds } } : {}),
  });
  const chunks: UIMessageChunk[] = [];
  const modelCalls: ModelCallFact[] = [];
  const result = await runner.run(
    {
      conversationId: 'conv-wire-1',
      history: [],
      pending: [],
      answers: [],
      userText,
      caller: options.caller ?? { kind: 'customer', customerId: 'cust_alice' },
      signal: new AbortController().signal,
      observer: { modelCall: (call) => modelCalls.push(call), toolCall: () => {} },
    },
    { write: (chunk) => chunks.push(chunk) },
  );
  return { result, chunks, message: await readCustomerMessage(chunks), modelCalls };
}

/**
 * Reads the chunks as the widget does (start, the turn's chunks, finish); an inconsistent chunk (a delta of a
 * part never started, say) fails the read. `error` chunks are what the customer is told, not a failure.
 */
async function readCustomerMessage(chunks: UIMessageChunk[]): Promise<UIMessage> {
  const all: UIMessageChunk[] = [{ type: 'start', messageId: 'm1' }, ...chunks, { type: 'finish' }];
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of all) controller.enqueue(chunk);
      controller.close();
    },
  });
  let message: UIMessage | undefined;
  for await (const built of readUIMessageStream({ stream, onError: () => {} })) message = built;
  if (!message) throw new Error('the stream built no message');
  return message;
}

export const textOf = (message: UIMessage) =>
  message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');

/** A clean end: every text part done, every tool part settled (no input that waits for ever). */
export function expectCleanEnd(message: UIMessage) {
  for (const part of message.parts) {
    if (part.type === 'text') expect(part.state).toBe('done');
    if (part.type.startsWith('tool-') && 'state' in part) {
      expect(['output-available', 'output-error', 'approval-requested']).toContain(part.state);
    }
  }
}
