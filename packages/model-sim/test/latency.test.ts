import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MODEL, startTestSim } from './support/start-test-sim.ts';

const hello = { model: MODEL, max_tokens: 500, messages: [{ role: 'user' as const, content: 'hello' }] };

/** Timers may fire a little early or late; assertions use "at least" with this much slack. */
const SLACK_MS = 15;

describe('latency knobs (MODEL_SIM_TTFT_MS, MODEL_SIM_TOKENS_PER_S)', () => {
  it('waits the time to first token before the first content event, streaming or not', async () => {
    const sim = await startTestSim({ ttftMs: 200 });
    try {
      const started = performance.now();
      const stream = await sim.client.messages.create({ ...hello, stream: true });
      let firstDeltaAt = 0;
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && !firstDeltaAt) firstDeltaAt = performance.now();
      }
      expect(firstDeltaAt - started).toBeGreaterThanOrEqual(200 - SLACK_MS);

      const plainStarted = performance.now();
      await sim.client.messages.create(hello);
      expect(performance.now() - plainStarted).toBeGreaterThanOrEqual(200 - SLACK_MS);
    } finally {
      await sim.stop();
    }
  });

  it('paces text deltas at the token rate', async () => {
    const sim = await startTestSim({ tokensPerSecond: 200 });
    try {
      const started = performance.now();
      const stream = await sim.client.messages.create({ ...hello, stream: true });
      const deltaTimes: number[] = [];
      let outputTokens = 0;
      for await (const event of stream) {
        if (event.type === 'content_block_delta') deltaTimes.push(performance.now());
        if (event.type === 'message_delta') outputTokens = event.usage.output_tokens;
      }
      const minimumMs = (outputTokens / 200) * 1000;
      expect(outputTokens).toBeGreaterThan(20);
      expect(performance.now() - started).toBeGreaterThanOrEqual(minimumMs * 0.8);
      // Spread over time, not sent in one burst.
      expect((deltaTimes.at(-1) ?? 0) - (deltaTimes[0] ?? 0)).toBeGreaterThanOrEqual(minimumMs * 0.5);
    } finally {
      await sim.stop();
    }
  });

  it('stops generating when the client disconnects', async () => {
    const sim = await startTestSim({ tokensPerSecond: 10 });
    try {
      const controller = new AbortController();
      const stream = await sim.client.messages.create({ ...hello, stream: true }, { signal: controller.signal });
      for await (const event of stream) {
        if (event.type === 'content_block_delta') break; // leaving the loop aborts the request
      }
      let aborts = '';
      for (let attempt = 0; attempt < 50 && !aborts.includes(' 1'); attempt++) {
        await sleep(20);
        const metrics = await (await fetch(`${sim.url}/metrics`)).text();
        aborts = metrics.match(/^model_sim_client_aborts_total\{[^}]*\} \d+/m)?.[0] ?? '';
      }
      expect(aborts).toMatch(/ 1$/);
    } finally {
      await sim.stop();
    }
  });

  it('finishes a stream in flight when stopped, then refuses new connections', async () => {
    const sim = await startTestSim({ tokensPerSecond: 150 });
    const stream = await sim.client.messages.create({ ...hello, stream: true });
    const types: string[] = [];
    const reading = (async () => {
      for await (const event of stream) types.push(event.type);
    })();
    await sleep(50);
    const stopped = sim.stop();
    await reading;
    await stopped;
    expect(types.at(-1)).toBe('message_stop');
    await expect(fetch(`${sim.url}/healthz`)).rejects.toThrow();
  });
});
