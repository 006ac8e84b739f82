import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClaudeProvider, createModelClient, type ModelClient } from '../../src/llm/create-model-client.ts';
import { createFixtureGateway, type FixtureGateway } from '../turn/fixture-gateway.ts';
import { expectCleanEnd, replayingFetch, runWireTurn, textOf } from '../turn/support/wire-turn.ts';
import { type FakeCloudEndpoint, startFakeBedrock, startFakeVertex } from './support/fake-cloud-endpoints.ts';

// Claude on Amazon Bedrock and Google Vertex AI through Anthropic's own SDK packages, chosen by
// CLAUDE_PROVIDER: the same recorded fixtures, the same loop, the same customer outcome. The clouds are
// local fakes at the wire; the credentials are static and never leave this machine.

let sim: RunningModelSim;
let gateway: FixtureGateway;
const fakes: Partial<Record<ClaudeProvider, FakeCloudEndpoint>> = {};
const savedEnv = { ...process.env };

beforeAll(async () => {
  sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
  fakes.bedrock = await startFakeBedrock(sim.url);
  fakes.vertex = await startFakeVertex(sim.url);
  // The AWS default credential chain reads these first: SigV4 signs with them, nothing asks AWS.
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFORTESTS0001';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests-only';
});
afterAll(async () => {
  process.env = savedEnv;
  await Promise.all(Object.values(fakes).map((fake) => fake.stop()));
  await sim?.stop();
});
beforeEach(() => {
  gateway = createFixtureGateway();
});

/** A Google auth client that hands out a fixed token instead of asking Google. */
const fakeGoogleAuth = {
  projectId: 'shop-test',
  getRequestHeaders: async () => new Headers({ authorization: 'Bearer fake-google-token' }),
};

function clientFor(provider: 'bedrock' | 'vertex', fetch: ReturnType<typeof replayingFetch>['fetch']): ModelClient {
  return createModelClient(
    {
      provider,
      apiKey: 'unused',
      baseUrl: String(fakes[provider]?.url),
      maxRetries: 0,
      awsRegion: 'eu-west-1',
      vertexRegion: 'europe-west1',
      vertexProjectId: 'shop-test',
    },
    { fetch, vertexAuthClient: fakeGoogleAuth as never },
  );
}

describe.each(['bedrock', 'vertex'] as const)('Claude on %s', (provider) => {
  it('runs the tool loop with thinking, sending the signed thinking block back, with the cloud’s own auth', async () => {
    const { fetch, requests } = replayingFetch(['thinking-tool-use', undefined]);
    const turn = await runWireTurn(clientFor(provider, fetch), gateway, 'Where is my order A-1042?', {
      thinkingBudgetTokens: 2048,
    });
    expect(gateway.calls).toEqual([
      { name: 'track_shipment', input: { order_number: 'A-1042' }, customerId: 'cust_alice' },
    ]);
    expect(requests[1]?.messages[1]?.content).toContainEqual(
      expect.objectContaining({ type: 'thinking', signature: expect.stringMatching(/^EqQBCkgIBxAB/) }),
    );
    const seen = fakes[provider]?.seen.slice(-2) ?? [];
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.path).toContain('claude-sonnet-5-5');
      expect(request.authorization).toMatch(
        provider === 'bedrock' ? /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFORTESTS0001\// : /^Bearer fake-google-token$/,
      );
      expect(request.body).toMatchObject({ anthropic_version: expect.any(String) });
    }
    expect(turn.result.finishReason).toBe('stop');
    expect(textOf(turn.message)).toMatch(/DHL/);
    expectCleanEnd(turn.message);
  });

  it('ends a stream an overload broke midway with the same honest sentence', async () => {
    const { fetch } = replayingFetch(['overloaded-mid-stream']);
    const turn = await runWireTurn(clientFor(provider, fetch), gateway, 'Where is my order A-1042?');
    expect(textOf(turn.message)).toMatch(
      /^Your order A-1042 was shipped\n.*interrupted because the assistant is overloaded/,
    );
    expect(turn.result.finishReason).toBe('error');
    expectCleanEnd(turn.message);
  });

  it('never makes a tool call that max_tokens cut in the middle', async () => {
    const { fetch } = replayingFetch(['max-tokens-in-tool-use']);
    const turn = await runWireTurn(clientFor(provider, fetch), gateway, 'Please cancel my order A-1049');
    expect(gateway.calls).toEqual([]);
    expect(turn.result.finishReason).toBe('length');
    expectCleanEnd(turn.message);
  });
});
