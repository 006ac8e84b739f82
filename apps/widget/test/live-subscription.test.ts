import { describe, expect, it } from 'vitest';
import { ChatClientError, type LiveEventsOutcome } from '../src/chat-client.ts';
import { LIVE_RECONNECT, LiveSubscription } from '../src/live-subscription.ts';

/** A fake stream the test opens, ends or fails, and a `wait` that records the backoff and returns at once. */
function harness(outcomes: (LiveEventsOutcome | Error | 'open-then-drop' | 'hang')[]) {
  const waits: number[] = [];
  let connects = 0;
  let open = 0;
  let maxOpen = 0;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const subscription = new LiveSubscription({
    connect: async (signal, opened) => {
      connects += 1;
      const next = outcomes.shift() ?? 'gone';
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      try {
        if (next === 'hang') {
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          throw new ChatClientError('network');
        }
        if (next === 'open-then-drop') {
          opened();
          throw new ChatClientError('network');
        }
        if (next instanceof Error) throw next;
        if (next === 'gone') finished();
        return next;
      } finally {
        open -= 1;
      }
    },
    isFinal: (error) => error instanceof ChatClientError && error.code === 'unauthorized',
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return { subscription, waits, done, stats: () => ({ connects, maxOpen }) };
}

describe('the live events subscription', () => {
  it('reconnects after drops with a doubling, capped backoff, reset by a connection that opened', async () => {
    const failures = Array.from({ length: 7 }, () => new ChatClientError('network'));
    const h = harness([...failures, 'open-then-drop', new ChatClientError('server'), 'gone']);
    h.subscription.start();
    await h.done;
    expect(h.waits).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      LIVE_RECONNECT.maxMs,
      LIVE_RECONNECT.maxMs,
      1_000,
      2_000,
    ]);
  });

  it('reopens a stream the server ended', async () => {
    const h = harness(['ended', 'ended', 'gone']);
    h.subscription.start();
    await h.done;
    expect(h.stats().connects).toBe(3);
  });

  it('never holds two streams: start() while one is open does nothing', async () => {
    const h = harness(['hang']);
    h.subscription.start();
    h.subscription.start();
    h.subscription.start();
    await Promise.resolve();
    expect(h.stats()).toEqual({ connects: 1, maxOpen: 1 });
    h.subscription.stop();
    expect(h.subscription.running).toBe(false);
  });

  it('stops for good on an expired sign-in, and when the conversation does not exist', async () => {
    const expired = harness([new ChatClientError('unauthorized')]);
    expired.subscription.start();
    await expect.poll(() => expired.subscription.running).toBe(false);
    expect(expired.stats().connects).toBe(1);
    expect(expired.waits).toEqual([]);

    const gone = harness(['gone']);
    gone.subscription.start();
    await gone.done;
    await expect.poll(() => gone.subscription.running).toBe(false);
    expect(gone.waits).toEqual([]);
  });
});
