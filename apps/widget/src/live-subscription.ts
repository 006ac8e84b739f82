import type { LiveEventsOutcome } from './chat-client.ts';

/** Reconnect schedule of the live events stream: 1 s doubling to 30 s (a dropped stream retries quickly, an outage gently). */
export const LIVE_RECONNECT = { baseMs: 1_000, maxMs: 30_000 } as const;

export interface LiveSubscriptionOptions {
  /** Opens the stream and reads it to its end; `opened()` is called once it is open (a connection that opened resets the backoff). */
  connect: (signal: AbortSignal, opened: () => void) => Promise<LiveEventsOutcome>;
  /** Whether a failure is final (a sign-in that expired): no reconnect. */
  isFinal?: (error: unknown) => boolean;
  /** Waits `ms` or until `signal` aborts; injectable for tests. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Keeps at most one live events stream open: `start()` while one runs (or waits to reconnect) does nothing;
 * a stream that drops or ends is reopened after `LIVE_RECONNECT` backoff; `gone` (no such conversation yet) and
 * final errors stop it until the next `start()`; `stop()` closes it at once.
 */
export class LiveSubscription {
  readonly #options: LiveSubscriptionOptions;
  #controller: AbortController | undefined;

  constructor(options: LiveSubscriptionOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#controller !== undefined;
  }

  start(): void {
    if (this.#controller) return;
    const controller = new AbortController();
    this.#controller = controller;
    void this.#follow(controller).finally(() => {
      if (this.#controller === controller) this.#controller = undefined;
    });
  }

  stop(): void {
    this.#controller?.abort();
    this.#controller = undefined;
  }

  async #follow(controller: AbortController): Promise<void> {
    const { signal } = controller;
    const wait = this.#options.wait ?? waitOrAbort;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const outcome = await this.#options.connect(signal, () => {
          failures = 0;
        });
        if (outcome === 'gone') return;
      } catch (error) {
        if (signal.aborted || this.#options.isFinal?.(error)) return;
      }
      if (signal.aborted) return;
      failures += 1;
      await wait(Math.min(LIVE_RECONNECT.maxMs, LIVE_RECONNECT.baseMs * 2 ** (failures - 1)), signal);
    }
  }
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
