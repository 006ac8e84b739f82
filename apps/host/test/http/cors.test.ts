import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../src/http/cors.ts';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type ChatTestServer, startChatServer } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../chat/support/fake-turn-runner.ts';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

let server: ChatTestServer;
let runner: FakeTurnRunner;
beforeAll(async () => {
  runner = createFakeTurnRunner();
  server = await startChatServer(runner, { options: { corsAllowedOrigins: [SHOP] } });
});
afterAll(() => server.close());

const preflight = (origin: string) =>
  fetch(`${server.baseUrl}/api/chat`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
const body = () => ({ id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] });

describe('CORS with an allow-list of shop origins', () => {
  it('answers an allowed origin’s preflight with what the widget needs, and no credentials', async () => {
    const response = await preflight(SHOP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('lets an allowed origin chat and read the stream', async () => {
    const response = await postChat(server.baseUrl, body(), { headers: { origin: SHOP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-vercel-ai-ui-message-stream');
    await readChunks(response);
  });

  it('refuses any other origin, preflight or not, before a turn starts', async () => {
    const before = runner.inputs.length;
    const refused = await preflight(EVIL);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await refused.json()).toEqual({ error: 'origin_not_allowed', message: expect.stringContaining(EVIL) });

    const post = await postChat(server.baseUrl, body(), { headers: { origin: EVIL } });
    expect(post.status).toBe(403);
    const read = await fetch(`${server.baseUrl}/api/chat/${newChatId()}`, { headers: { origin: EVIL } });
    expect(read.status).toBe(403);
    expect(runner.inputs).toHaveLength(before);
  });

  it('lets the host’s own pages through (same origin)', async () => {
    const response = await postChat(server.baseUrl, body(), { headers: { origin: server.baseUrl } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    await readChunks(response);
  });

  it('reads CORS_ALLOWED_ORIGINS strictly', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins(' https://shop.example, http://localhost:5173 ')).toEqual([
      'https://shop.example',
      'http://localhost:5173',
    ]);
    expect(parseAllowedOrigins('*')).toEqual(['*']);
    expect(() => parseAllowedOrigins('https://shop.example/')).toThrow(/CORS_ALLOWED_ORIGINS.*not an origin/);
    expect(() => parseAllowedOrigins('shop.example')).toThrow(/CORS_ALLOWED_ORIGINS/);
  });
});
