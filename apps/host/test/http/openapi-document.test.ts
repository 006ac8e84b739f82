import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newChatId, postChat, readJson, userMessage } from '../chat/support/chat-requests.ts';
import { type ChatTestServer, startChatServer, tokenFor } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { createOpenApiChecker } from './support/openapi-checker.ts';

/** The parts of the document the tests read. */
type OpenApi = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, { description?: string }>>;
};

let server: ChatTestServer;
let checker: ReturnType<typeof createOpenApiChecker>;
let release: () => void = () => {};
let gate = Promise.resolve();
const hold = () => gate;
const closeGate = () => {
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
};

beforeAll(async () => {
  server = await startChatServer(createFakeTurnRunner({ hold }), {
    options: { corsAllowedOrigins: ['https://shop.example'], bodyLimitBytes: 32 * 1024, turnsPerMinute: 40 },
  });
  const response = await fetch(`${server.baseUrl}/api/openapi.json`);
  checker = createOpenApiChecker(await readJson(response.clone()));
  await checker.checkResponse('get', '/api/openapi.json', response);
});
afterAll(() => server.close());

const base = () => server.baseUrl;
const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = await readJson<OpenApi>(await fetch(`${base()}/api/openapi.json`));
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/chat',
      '/api/chat/{id}',
      '/api/chat/{id}/events',
      '/api/chat/{id}/feedback',
      '/api/chat/{id}/stream',
      '/api/console/conversations',
      '/api/console/conversations/{id}',
      '/api/console/conversations/{id}/claim',
      '/api/console/conversations/{id}/messages',
      '/api/console/conversations/{id}/release',
      '/api/console/conversations/{id}/typing',
      '/api/console/customers/{customerId}/conversations',
      '/api/console/handoffs/{id}',
      '/api/console/metrics',
      '/api/console/queue',
      '/api/console/queue/events',
      '/api/handoff/{id}/messages',
      '/api/openapi.json',
      '/api/tools',
    ]);
  });

  it('states the limits in force', async () => {
    const document = await readJson<OpenApi>(await fetch(`${base()}/api/openapi.json`));
    expect(document.paths['/api/chat']?.post?.description).toContain('at most 32768 bytes');
    expect(document.paths['/api/chat']?.post?.description).toContain('40 turns a minute');
  });

  it('describes the bodies the AI SDK client really sends, approval answers included', async () => {
    const bodies: unknown[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && typeof init.body === 'string') bodies.push(JSON.parse(init.body));
      return fetch(input, init);
    };
    const chat = new TestChat({
      baseUrl: base(),
      id: newChatId(),
      token: await tokenFor('cust_alice'),
      fetch: recordingFetch,
    });
    await chat.sendMessage({ text: 'Cancel my last order' });
    const approval = (chat.toolParts[0] as unknown as { approval: { id: string } }).approval;
    await chat.addToolApprovalResponse({ id: approval.id, approved: true });
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    await vi.waitFor(() => expect(chat.status).toBe('ready'));
    for (const body of bodies) checker.checkRequestBody('post', '/api/chat', body);
  });

  describe('matches every response of the implementation', () => {
    it('POST /api/chat: streams (text, tool call, approval request, tool output)', async () => {
      const alice = await tokenFor('cust_alice');
      const id = newChatId();
      await checker.checkResponse(
        'post',
        '/api/chat',
        await postChat(base(), { id, trigger: 'submit-message', messages: [userMessage('hello')] }, { token: alice }),
      );
      const chat = new TestChat({ baseUrl: base(), id: newChatId(), token: alice });
      await chat.sendMessage({ text: 'Cancel my last order' });
      const messages = structuredClone(chat.messages);
      const part = messages[1]?.parts.find((p) => p.type.startsWith('tool-')) as unknown as Record<string, unknown>;
      Object.assign(part, { state: 'approval-responded', approval: { ...(part.approval as object), approved: false } });
      await checker.checkResponse(
        'post',
        '/api/chat',
        await postChat(base(), { id: chat.id, trigger: 'submit-message', messages }, { token: alice }),
      );
    });

    it('POST /api/chat: every error', async () => {
      const alice = await tokenFor('cust_alice');
      const ok = () => ({ id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] });
      const post = (body: unknown, init: Parameters<typeof postChat>[2] = {}) => postChat(base(), body, init);
      await checker.checkResponse('post', '/api/chat', await post('{"broken'));
      await checker.checkResponse('post', '/api/chat', await post(ok(), { token: 'forged.token.value' }));
      await checker.checkResponse(
        'post',
        '/api/chat',
        await post(ok(), { headers: { origin: 'https://evil.example' } }),
      );
      await checker.checkResponse('post', '/api/chat', await post({ ...ok(), padding: 'x'.repeat(40_000) }));
      await checker.checkResponse(
        'post',
        '/api/chat',
        await post(JSON.stringify(ok()), { headers: { 'content-type': 'text/plain' } }),
      );

      const owned = ok();
      await (await post(owned, { token: alice })).text();
      await checker.checkResponse('post', '/api/chat', await post(owned, { token: await tokenFor('cust_bob') }));

      closeGate();
      const running = await post(owned, { token: alice });
      await checker.checkResponse('post', '/api/chat', await post(owned, { token: alice }));
      release();
      await running.text();

      let limited: Response | undefined;
      for (let i = 0; i < 50 && !limited; i++) {
        const response = await post(ok());
        if (response.status === 429) limited = response;
        else await response.text();
      }
      expect(limited?.status).toBe(429);
      await checker.checkResponse('post', '/api/chat', limited as Response);
    });

    it('GET /api/chat/{id}: the conversation and its errors', async () => {
      const alice = await tokenFor('cust_alice');
      const chat = new TestChat({ baseUrl: base(), id: newChatId(), token: alice });
      await chat.sendMessage({ text: 'Cancel my last order' });
      await checker.checkResponse('get', '/api/chat/{id}', await fetch(`${base()}/api/chat/${chat.id}`, auth(alice)));
      await checker.checkResponse('get', '/api/chat/{id}', await fetch(`${base()}/api/chat/${chat.id}`));
      await checker.checkResponse('get', '/api/chat/{id}', await fetch(`${base()}/api/chat/bad%20id`));
      await checker.checkResponse('get', '/api/chat/{id}', await fetch(`${base()}/api/chat/${chat.id}`, auth('x.y.z')));
    });

    it('GET /api/chat/{id}/stream: a resumed stream, 204 and 404', async () => {
      const alice = await tokenFor('cust_alice');
      const chat = new TestChat({ baseUrl: base(), id: newChatId(), token: alice });
      await chat.sendMessage({ text: 'Cancel my last order' });
      await checker.checkResponse(
        'get',
        '/api/chat/{id}/stream',
        await fetch(`${base()}/api/chat/${chat.id}/stream`, auth(alice)),
      );

      closeGate();
      const approval = (chat.toolParts[0] as unknown as { approval: { id: string } }).approval;
      await chat.addToolApprovalResponse({ id: approval.id, approved: true });
      await vi.waitFor(() => expect(chat.lastAnswer).toContain('Done: '));
      const resumed = fetch(`${base()}/api/chat/${chat.id}/stream`, auth(alice));
      const bob = await fetch(`${base()}/api/chat/${chat.id}/stream`, auth(await tokenFor('cust_bob')));
      await checker.checkResponse('get', '/api/chat/{id}/stream', bob);
      setTimeout(() => release(), 50);
      await checker.checkResponse('get', '/api/chat/{id}/stream', await resumed);
    });

    it('would notice a response the document does not describe (the checker is not vacuous)', async () => {
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      const sse = (chunk: unknown) =>
        new Response(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, {
          headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
        });
      const fresh = createOpenApiChecker(await readJson<OpenApi>(await fetch(`${base()}/api/openapi.json`)));
      await expect(
        fresh.checkResponse('get', '/api/chat/{id}', json({ id: 'x', messages: [{ id: 1 }] })),
      ).rejects.toThrow();
      await expect(
        fresh.checkResponse('get', '/api/chat/{id}', json({ error: 'nope', message: 'x' }, 404)),
      ).rejects.toThrow();
      await expect(fresh.checkResponse('get', '/api/chat/{id}', json({}, 418))).rejects.toThrow(/not a documented/);
      await expect(
        fresh.checkResponse('post', '/api/chat', sse({ type: 'text-delta', delta: 'no id' })),
      ).rejects.toThrow();
      await expect(fresh.checkResponse('post', '/api/chat', sse({ type: 'made-up' }))).rejects.toThrow();
      await fresh.checkResponse('post', '/api/chat', sse({ type: 'text-delta', id: 't', delta: 'ok' }));
    });

    it('covered every documented chat response status that the tests can provoke', () => {
      expect([...checker.checked].sort()).toEqual(
        [
          'GET /api/openapi.json 200',
          'POST /api/chat 200',
          'POST /api/chat 400',
          'POST /api/chat 401',
          'POST /api/chat 403',
          'POST /api/chat 404',
          'POST /api/chat 409',
          'POST /api/chat 413',
          'POST /api/chat 415',
          'POST /api/chat 429',
          'GET /api/chat/{id} 200',
          'GET /api/chat/{id} 400',
          'GET /api/chat/{id} 401',
          'GET /api/chat/{id} 404',
          'GET /api/chat/{id}/stream 200',
          'GET /api/chat/{id}/stream 204',
          'GET /api/chat/{id}/stream 404',
        ].sort(),
      );
    });
  });
});
