import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_API_ERROR_CODES, ChatApiError, type ChatApiErrorCode } from '../../src/chat/chat-api-error.ts';
import { createApiErrorHandler } from '../../src/http/api-error-handler.ts';
import { newChatId, postChat, readChunks, readJson, userMessage } from '../chat/support/chat-requests.ts';
import { type ChatTestServer, startChatServer } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../chat/support/fake-turn-runner.ts';

let server: ChatTestServer;
let runner: FakeTurnRunner;
beforeAll(async () => {
  runner = createFakeTurnRunner();
  server = await startChatServer(runner, { options: { bodyLimitBytes: 64 * 1024, turnsPerMinute: 1_000 } });
});
afterAll(() => server.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  id: newChatId(),
  trigger: 'submit-message',
  messages: [userMessage('hello')],
  ...overrides,
});

async function expectBadRequest(response: Response, mentions: string) {
  expect(response.status).toBe(400);
  const error = await response.json();
  expect(error).toEqual({ error: 'invalid_request', message: expect.stringContaining(mentions) });
  expect(JSON.stringify(error)).not.toMatch(/at .*\.ts|node_modules|stack/i);
}

describe('POST /api/chat input validation', () => {
  it('answers each error with its pinned wire code and status, and names no other', async () => {
    // Literals, not the source's table: a renamed code or a changed status must fail here.
    const wire: [string, number][] = [
      ['invalid_request', 400],
      ['token_invalid', 401],
      ['token_expired', 401],
      ['token_audience', 401],
      ['origin_not_allowed', 403],
      ['forbidden', 403],
      ['not_found', 404],
      ['misdirected_request', 421],
      ['turn_in_progress', 409],
      ['already_rated', 409],
      ['handoff_conflict', 409],
      ['payload_too_large', 413],
      ['unsupported_media_type', 415],
      ['rate_limited', 429],
      ['internal_error', 500],
      ['identity_unavailable', 503],
      ['server_busy', 503],
    ];
    const app = express();
    app.get('/fail/:code', (req) => {
      throw new ChatApiError(req.params.code as ChatApiErrorCode, 'pinned');
    });
    app.use(createApiErrorHandler(pino({ level: 'silent' })));
    const http = app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    try {
      const { port } = http.address() as AddressInfo;
      for (const [code, status] of wire) {
        const response = await fetch(`http://127.0.0.1:${port}/fail/${code}`);
        expect([code, response.status, await response.json()]).toEqual([
          code,
          status,
          { error: code, message: 'pinned' },
        ]);
      }
    } finally {
      http.close();
    }
    // A code added to the API must be pinned above too.
    expect([...CHAT_API_ERROR_CODES].sort()).toEqual(wire.map(([code]) => code).sort());
  });

  it('rejects a body that is not JSON', async () => {
    await expectBadRequest(await postChat(server.baseUrl, '{"id": "x", "messages": ['), 'not valid JSON');
  });

  it('rejects JSON that is not an object', async () => {
    await expectBadRequest(await postChat(server.baseUrl, '"hello"'), 'JSON object');
    await expectBadRequest(await postChat(server.baseUrl, '[1, 2]'), 'JSON object');
  });

  it.each([
    ['a missing id', { id: undefined }, 'id: is required'],
    ['a malformed id', { id: 'has spaces/and slashes' }, 'id: must be 1–128 characters'],
    ['missing messages', { messages: undefined }, 'messages: is required'],
    ['no messages', { messages: [] }, 'messages: must hold at least the new message'],
    ['too many messages', { messages: Array.from({ length: 201 }, () => userMessage('x')) }, 'messages:'],
    ['a message without parts', { messages: [{ id: 'm1', role: 'user' }] }, 'messages[0].parts: is required'],
    ['an unknown role', { messages: [{ id: 'm1', role: 'tool', parts: [] }] }, 'messages[0].role'],
    [
      'a text part without text',
      { messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text' }] }] },
      'messages[0].parts[0].text: is required',
    ],
    ['a missing trigger', { trigger: undefined }, 'trigger: is required'],
    ['regenerate', { trigger: 'regenerate-message' }, 'trigger: only "submit-message"'],
    ['an empty message', { messages: [userMessage('   ')] }, 'the new message has no text'],
    [
      'a message with only a file',
      { messages: [{ id: 'm1', role: 'user', parts: [{ type: 'file', url: 'data:,x', mediaType: 'text/plain' }] }] },
      'no text',
    ],
    [
      'an assistant message without answers',
      { messages: [{ id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }] },
      'approval answers',
    ],
    [
      'a malformed approval answer',
      {
        messages: [
          {
            id: 'a1',
            role: 'assistant',
            parts: [
              {
                type: 'tool-cancel_order',
                toolCallId: 'c1',
                state: 'approval-responded',
                input: {},
                approval: { id: 'x', approved: 'yes' },
              },
            ],
          },
        ],
      },
      'messages[0].parts[0].approval.approved',
    ],
  ])('rejects %s with 400 naming the field', async (_name, overrides, mentions) => {
    await expectBadRequest(await postChat(server.baseUrl, body(overrides)), mentions);
  });

  it('rejects a 20,000-character message, saying how long it may be', async () => {
    const response = await postChat(server.baseUrl, body({ messages: [userMessage('a'.repeat(20_000))] }));
    await expectBadRequest(response, 'messages[0].parts: the message is 20000 characters long; at most 4000');
  });

  it('counts characters as people do: 4,000 emoji are fine, and emoji-only messages get an answer', async () => {
    const emoji = '👍'.repeat(4_000);
    const response = await postChat(server.baseUrl, body({ messages: [userMessage(emoji)] }));
    expect(response.status).toBe(200);
    expect((await readChunks(response)).at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(runner.inputs.at(-1)?.userText).toBe(emoji);

    const short = await postChat(server.baseUrl, body({ messages: [userMessage('🥾🌧️')] }));
    expect(short.status).toBe(200);
    await readChunks(short);
  });

  it('answers gibberish like any message', async () => {
    const response = await postChat(server.baseUrl, body({ messages: [userMessage('asdfgh')] }));
    expect(response.status).toBe(200);
    await readChunks(response);
  });

  it('tolerates the AI SDK’s extra fields', async () => {
    const response = await postChat(
      server.baseUrl,
      body({
        messageId: null,
        experimental: { anything: true },
        messages: [{ ...userMessage('hi'), metadata: { at: 1 }, parts: [{ type: 'text', text: 'hi', state: 'done' }] }],
      }),
    );
    expect(response.status).toBe(200);
    await readChunks(response);
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await postChat(server.baseUrl, body({ padding: 'x'.repeat(70 * 1024) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'payload_too_large',
      message: expect.stringContaining('65536 bytes'),
    });
  });

  it('rejects a body that is not declared as JSON with 415', async () => {
    const response = await postChat(server.baseUrl, JSON.stringify(body()), {
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect((await readJson(response)).error).toBe('unsupported_media_type');
  });

  it('never runs a turn for a rejected request', async () => {
    const before = runner.inputs.length;
    await postChat(server.baseUrl, body({ messages: [userMessage('a'.repeat(5_000))] }));
    expect(runner.inputs).toHaveLength(before);
  });
});
