import { describe, expect, it } from 'vitest';
import type { TurnInput, TurnRunner, TurnSink } from '../../src/turn/turn-contract.ts';
import { fetchConversation, newChatId, postChat, readChunks, readJson, userMessage } from './support/chat-requests.ts';
import { type ChatTestServer, closeServersAfterEach, startChatServer } from './support/chat-test-server.ts';
import { createFakeTurnRunner } from './support/fake-turn-runner.ts';

let server: ChatTestServer | undefined;
closeServersAfterEach();

const send = (id: string, text = 'hello') =>
  postChat(server?.baseUrl as string, { id, trigger: 'submit-message', messages: [userMessage(text)] });

/** A runner that does `behave` on its first turn and answers normally afterwards. */
function firstTurn(behave: (input: TurnInput, sink: TurnSink) => Promise<never | undefined>): TurnRunner {
  const normal = createFakeTurnRunner();
  let turns = 0;
  return {
    async run(input, sink) {
      if (++turns === 1) await behave(input, sink);
      return normal.run(input, sink);
    },
  };
}

describe('turns that go wrong', () => {
  it('answers a runner crash with an opaque error chunk, and the conversation carries on', async () => {
    server = await startChatServer(
      firstTurn(async (_input, sink) => {
        sink.write({ type: 'start-step' });
        throw new Error('database password is hunter2');
      }),
    );
    const id = newChatId();
    const chunks = await readChunks(await send(id));
    expect(chunks.at(-2)).toEqual({
      type: 'error',
      errorText: 'Something went wrong while answering. Please try again.',
    });
    expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: 'error' });
    expect(JSON.stringify(chunks)).not.toContain('hunter2');

    const next = await send(id, 'again');
    expect(next.status).toBe(200);
    expect((await readChunks(next)).at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    const stored = await fetchConversation(server.baseUrl, id);
    expect(stored.messages.filter((m) => m.role === 'user')).toHaveLength(2);
  });

  it('stops a turn at its deadline even when the runner ignores the abort, and frees the conversation', async () => {
    server = await startChatServer(
      firstTurn(() => new Promise<never>(() => {})),
      { turnLimits: { maxTurnDurationMs: 100, abortGraceMs: 50 } },
    );
    const id = newChatId();
    const chunks = await readChunks(await send(id));
    expect(chunks.slice(-2)).toEqual([
      { type: 'error', errorText: 'The answer took too long and was stopped. Please try again.' },
      { type: 'finish', finishReason: 'error' },
    ]);
    expect((await send(id, 'still there?')).status).toBe(200);
  });

  it('hands the runner an abort signal at the deadline', async () => {
    let aborted = false;
    server = await startChatServer(
      firstTurn(
        (input) =>
          new Promise<undefined>((resolve) => {
            input.signal.addEventListener('abort', () => {
              aborted = true;
              resolve(undefined);
            });
          }),
      ),
      { turnLimits: { maxTurnDurationMs: 50 } },
    );
    const chunks = await readChunks(await send(newChatId()));
    expect(aborted).toBe(true);
    expect(chunks).toContainEqual({
      type: 'error',
      errorText: 'The answer took too long and was stopped. Please try again.',
    });
  });

  it('aborts a runaway turn that writes too many chunks', async () => {
    let signal: AbortSignal | undefined;
    server = await startChatServer(
      firstTurn(async (input, sink) => {
        signal = input.signal;
        sink.write({ type: 'text-start', id: 't' });
        for (let i = 0; i < 100; i++) sink.write({ type: 'text-delta', id: 't', delta: 'x' });
        return undefined;
      }),
      { turnLimits: { maxChunksPerTurn: 10 } },
    );
    const chunks = await readChunks(await send(newChatId()));
    expect(signal?.aborted).toBe(true);
    expect(chunks.filter((c) => c.type === 'text-delta').length).toBeLessThanOrEqual(10);
  });

  it('answers 503 when this process already runs its maximum of turns', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = await startChatServer(createFakeTurnRunner({ hold: () => held }), { turnLimits: { maxRunningTurns: 1 } });
    const first = await send(newChatId());
    const second = await send(newChatId());
    expect(second.status).toBe(503);
    expect((await readJson(second)).error).toBe('server_busy');
    release();
    await readChunks(first);
    await server.routes.turns.idle();
    expect(server.routes.turns.running()).toBe(0);
  });
});
