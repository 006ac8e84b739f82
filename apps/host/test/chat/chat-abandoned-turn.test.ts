import { describe, expect, it, vi } from 'vitest';
import { emptyTurnUsage, type TurnInput, type TurnResult, type TurnRunner } from '../../src/turn/turn-contract.ts';
import { newChatId, postChat, userMessage } from './support/chat-requests.ts';
import { type ChatTestServer, closeServersAfterEach, startChatServer } from './support/chat-test-server.ts';

let server: ChatTestServer | undefined;
closeServersAfterEach();

/** A turn that writes a little, then waits for its signal: the shape of a slow model or tool call. */
function waitingRunner() {
  const seen: { input?: TurnInput; abortedAt?: number } = {};
  const runner: TurnRunner = {
    async run(input, sink): Promise<TurnResult> {
      seen.input = input;
      sink.write({ type: 'text-start', id: 't' });
      sink.write({ type: 'text-delta', id: 't', delta: 'Looking…' });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3_000);
        input.signal.addEventListener('abort', () => {
          seen.abortedAt = Date.now();
          clearTimeout(timer);
          resolve();
        });
      });
      sink.write({ type: 'text-end', id: 't' });
      const finishReason = input.signal.aborted ? 'aborted' : 'stop';
      return { history: input.history, pending: [], finishReason, usage: emptyTurnUsage() };
    },
  };
  return { runner, seen };
}

describe('a turn nobody reads any more', () => {
  it('is cancelled once the customer has gone for the grace period', async () => {
    const { runner, seen } = waitingRunner();
    server = await startChatServer(runner, { turnLimits: { abandonAfterMs: 200 } });
    const controller = new AbortController();
    const response = await postChat(
      server.baseUrl,
      { id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] },
      { signal: controller.signal },
    );
    expect(response.status).toBe(200);
    const gone = Date.now();
    controller.abort();
    await vi.waitFor(() => expect(seen.abortedAt).toBeDefined(), { timeout: 2_000 });
    expect((seen.abortedAt ?? 0) - gone).toBeGreaterThanOrEqual(150);
    expect(server.routes.turns.running()).toBeLessThanOrEqual(1);
  });

  it('keeps running while a resumed reader is attached', async () => {
    const { runner, seen } = waitingRunner();
    server = await startChatServer(runner, { turnLimits: { abandonAfterMs: 200 } });
    const id = newChatId();
    const controller = new AbortController();
    await postChat(
      server.baseUrl,
      { id, trigger: 'submit-message', messages: [userMessage('hi')] },
      { signal: controller.signal },
    );
    controller.abort();
    const resumed = await fetch(`${server.baseUrl}/api/chat/${id}/stream`);
    expect(resumed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen.abortedAt).toBeUndefined();
    await resumed.body?.cancel();
  });
});
