import type { UIMessage } from '@shopchat/chat-views';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { type ProductProcesses, type RunningHostProcess, startProductProcesses } from '@shopchat/product-harness';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChatClient, ChatClientError } from '../src/chat-client.ts';

/** The widget's own UI-message-stream client against the real host (no browser needed). */
describe('ChatClient against the real host', () => {
  let product: ProductProcesses;
  let slowSim: RunningModelSim;
  let host: RunningHostProcess;

  beforeAll(async () => {
    product = await startProductProcesses();
    // A slow model, so a turn is still running when the client comes back.
    slowSim = await startModelSim({ port: 0, tokensPerSecond: 150, logger: pino({ level: 'silent' }) });
    host = await product.startHost({ ANTHROPIC_BASE_URL: slowSim.url, CHAT_TURNS_PER_MINUTE: '1000' });
  }, 120_000);

  afterAll(async () => {
    await product?.stop();
    await slowSim?.stop();
  });

  const client = (token: string | null = null) => new ChatClient({ api: host.url, token: () => token });
  const user = (text: string): UIMessage => ({
    id: `u_${Math.random().toString(36).slice(2)}`,
    role: 'user',
    parts: [{ type: 'text', text }],
  });
  const answer = (): UIMessage => ({ id: 'pending', role: 'assistant', parts: [] });
  // What the server stored is what the AI SDK's own reader built from the same chunks.
  const shape = (m: UIMessage) => ({
    id: m.id,
    parts: m.parts.map((p) => ({ type: p.type, state: p.state, text: p.text, output: p.output })),
  });

  test('builds the same message the server stored with the AI SDK reader', async () => {
    const id = `widget-${crypto.randomUUID()}`;
    const built = answer();
    const updates: number[] = [];
    await client().send(id, [user('Do you have waterproof hiking boots in size 44?')], built, (m) =>
      updates.push(m.parts.length),
    );
    expect(updates.length).toBeGreaterThan(3);
    const stored = await client().history(id);
    expect(stored).toHaveLength(2);
    expect(shape(built)).toEqual(shape(stored[1] as UIMessage));
  });

  test('resumes an interrupted stream and ends with the whole message', async () => {
    const id = `widget-${crypto.randomUUID()}`;
    const aborter = new AbortController();
    const response = await fetch(`${host.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        trigger: 'submit-message',
        messages: [user('How long does delivery to Norway take?')],
      }),
      signal: aborter.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    aborter.abort(); // the connection drops mid-answer
    const resumed = answer();
    expect(await client().resume(id, resumed, () => {})).toBe(true);
    const stored = await client().history(id);
    expect(shape(resumed)).toEqual(shape(stored[1] as UIMessage));
    expect(resumed.parts.some((p) => p.type === 'text' && p.state === 'done' && p.text)).toBe(true);
    expect(await client().resume(id, answer(), () => {})).toBe(false);
  });

  test('a bad customer token is a typed, non-retryable error', async () => {
    const error = await client('not-a-token')
      .send(`widget-${crypto.randomUUID()}`, [user('hello')], answer(), () => {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatClientError);
    expect(error).toMatchObject({ code: 'unauthorized', isRetryable: false });
  });

  test('an unreachable host is a retryable network error', async () => {
    const offline = new ChatClient({ api: 'http://127.0.0.1:9', token: () => null });
    await expect(offline.history('x')).rejects.toMatchObject({ code: 'network', isRetryable: true });
  });
});
