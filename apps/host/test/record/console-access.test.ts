import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import type { Database } from '@shopchat/postgres';
import { testBackends } from '@shopchat/postgres/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintStaffToken } from '../../src/console/mint-staff-token.ts';
import { createOpenApiDocument } from '../../src/http/openapi-document.ts';
import { newChatId } from '../chat/support/chat-requests.ts';
import { TEST_SECRET, tokenFor } from '../chat/support/chat-test-server.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { createOpenApiChecker } from '../http/support/openapi-checker.ts';
import { type RecordTestHost, staffToken } from './support/record-test-host.ts';
import { useRecordTestHost } from './support/use-record-test-host.ts';

const backends = await testBackends('console access');
let sim: RunningModelSim;
beforeAll(async () => {
  sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
});
afterAll(() => sim?.stop());

describe.each(backends)('the record routes on $name', (backend) => {
  let host: RecordTestHost;
  let db: Database;
  let aliceChat: string;
  let bobChat: string;
  useRecordTestHost(
    backend,
    () => sim.url,
    async (started, database) => {
      host = started;
      db = database;
      aliceChat = newChatId();
      bobChat = newChatId();
      await new TestChat({ baseUrl: host.baseUrl, id: aliceChat, token: await tokenFor('cust_alice') }).sendMessage({
        text: 'Where is my order A-1042?',
      });
      await new TestChat({ baseUrl: host.baseUrl, id: bobChat, token: await tokenFor('cust_bob') }).sendMessage({
        text: 'How do I return a gift?',
      });
      await host.record.queue.drain(5_000);
    },
  );

  const feedback = (id: string, body: unknown, token?: string) =>
    fetch(`${host.baseUrl}/api/chat/${id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('opens the console to staff tokens only: a customer token, none or an expired one get 401', async () => {
    const list = await host.console<{ conversations: { id: string }[] }>('/api/console/conversations');
    expect(list.status).toBe(200);
    expect(list.body.conversations.map((c) => c.id)).toEqual(expect.arrayContaining([aliceChat, bobChat]));
    for (const token of [await tokenFor('cust_alice'), await staffToken(undefined, -60), 'junk']) {
      const refused = await host.console<{ error: string }>('/api/console/conversations', token);
      expect(refused.status).toBe(401);
    }
    const none = await fetch(`${host.baseUrl}/api/console/metrics`);
    expect(none.status).toBe(401);
  });

  it('never lets a staff token chat as a customer, even one signed with the customer secret', async () => {
    for (const token of [await staffToken(), await mintStaffToken({ secret: TEST_SECRET })]) {
      const response = await fetch(`${host.baseUrl}/api/chat/${aliceChat}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    }
    const sameSecret = await fetch(`${host.baseUrl}/api/chat/${aliceChat}`, {
      headers: { authorization: `Bearer ${await mintStaffToken({ secret: TEST_SECRET })}` },
    });
    expect(await sameSecret.json()).toMatchObject({ error: 'token_audience' });
  });

  it('filters by customer, status and text, newest first, and pages with a cursor', async () => {
    const alice = await host.console<{ conversations: { id: string; customerId: string; status: string }[] }>(
      '/api/console/conversations?customer=cust_alice&status=bot',
    );
    expect(alice.body.conversations.map((c) => c.id)).toEqual([aliceChat]);
    const search = await host.console<{ conversations: { id: string }[] }>('/api/console/conversations?q=gift');
    expect(search.body.conversations.map((c) => c.id)).toEqual([bobChat]);
    const first = await host.console<{ conversations: { id: string }[]; nextCursor: string }>(
      '/api/console/conversations?limit=1',
    );
    expect(first.body.conversations.map((c) => c.id)).toEqual([bobChat]);
    const second = await host.console<{ conversations: { id: string }[] }>(
      `/api/console/conversations?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.conversations.map((c) => c.id)).toEqual([aliceChat]);
  });

  it.each([
    ['status=open', 'status'],
    ['from=yesterday', 'from'],
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 'from'],
    ['colour=red', 'query'],
  ])('answers a bad filter (%s) with a 400 naming %s', async (query, field) => {
    const response = await host.console<{ error: string; message: string }>(`/api/console/conversations?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    expect(response.body.message).toContain(field);
  });

  it('answers bad ids and metrics windows with 400, unknown conversations with 404', async () => {
    expect((await host.console('/api/console/conversations/has%20space')).status).toBe(400);
    expect((await host.console('/api/console/conversations/no-such-conversation')).status).toBe(404);
    expect((await host.console('/api/console/metrics?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(
      400,
    );
  });

  it('takes one rating per conversation, from its owner only', async () => {
    expect((await feedback(aliceChat, { rating: 5 }, await tokenFor('cust_bob'))).status).toBe(404);
    expect((await feedback(aliceChat, { rating: 5 })).status).toBe(404);
    expect((await feedback(aliceChat, { rating: 9 }, await tokenFor('cust_alice'))).status).toBe(400);
    const first = await feedback(aliceChat, { rating: 5, comment: 'Quick!' }, await tokenFor('cust_alice'));
    expect(first.status).toBe(201);
    const again = await feedback(aliceChat, { rating: 1 }, await tokenFor('cust_alice'));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_rated' });
    const transcript = await host.console<{ feedback: unknown; conversation: { status: string; rating: number } }>(
      `/api/console/conversations/${aliceChat}`,
    );
    expect(transcript.body.feedback).toMatchObject({ rating: 5, comment: 'Quick!' });
    expect(transcript.body.conversation).toMatchObject({ status: 'closed', rating: 5 });
    const metrics = await host.console<{ csat: unknown; resolvedByBot: { count: number }; conversations: number }>(
      '/api/console/metrics',
    );
    expect(metrics.body.csat).toEqual({ average: 5, count: 1 });
    expect(metrics.body.resolvedByBot.count).toBe(1);
    expect(metrics.body.conversations).toBe(2);
  });

  it('answers as the OpenAPI document says, from the same schemas', async () => {
    const checker = createOpenApiChecker(
      createOpenApiDocument({ maxMessageChars: 4_000, bodyLimitBytes: 1_048_576, turnsPerMinute: 20 }),
    );
    const auth = { headers: { authorization: `Bearer ${await staffToken()}` } };
    const get = (path: string, init: RequestInit = auth) => fetch(`${host.baseUrl}${path}`, init);
    await checker.checkResponse('get', '/api/console/conversations', await get('/api/console/conversations'));
    await checker.checkResponse('get', '/api/console/conversations', await get('/api/console/conversations?limit=x'));
    await checker.checkResponse('get', '/api/console/conversations', await get('/api/console/conversations', {}));
    const transcript = await get(`/api/console/conversations/${aliceChat}`);
    await checker.checkResponse('get', '/api/console/conversations/{id}', transcript);
    await checker.checkResponse('get', '/api/console/conversations/{id}', await get('/api/console/conversations/x'));
    await checker.checkResponse('get', '/api/console/metrics', await get('/api/console/metrics'));
    await checker.checkResponse('get', '/api/console/metrics', await get('/api/console/metrics?to=soon'));
    const body = { rating: 4 };
    checker.checkRequestBody('post', '/api/chat/{id}/feedback', body);
    await checker.checkResponse('post', '/api/chat/{id}/feedback', await feedback(aliceChat, body));
  });

  it('erases one customer’s conversations for an admin only, leaving an audit entry', async () => {
    const erase = (token: string) =>
      fetch(`${host.baseUrl}/api/console/customers/cust_bob/conversations`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await erase(await staffToken({ staffId: 'staff_eli', role: 'agent' }))).status).toBe(403);
    const erased = await erase(await staffToken());
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ customerId: 'cust_bob', conversations: 1 });
    expect((await host.console(`/api/console/conversations/${bobChat}`)).status).toBe(404);
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM record_messages WHERE conversation_id = $1', [
      bobChat,
    ]);
    expect(Number(rows[0]?.n)).toBe(0);
    const audit = await db.query('SELECT actor, action, subject, detail FROM record_audit');
    expect(audit).toEqual([
      { actor: 'staff_dana', action: 'erase_customer', subject: 'cust_bob', detail: { conversations: 1 } },
    ]);
  });

  it('purges conversations past the retention, and only those', async () => {
    const old = newChatId();
    await db.query(
      `INSERT INTO record_conversations (id, customer_id, started_at, last_activity_at)
       VALUES ($1, 'cust_carol', now() - interval '200 days', now() - interval '91 days')`,
      [old],
    );
    expect(await host.record.purge()).toBe(1);
    expect((await host.console(`/api/console/conversations/${old}`)).status).toBe(404);
    expect((await host.console(`/api/console/conversations/${aliceChat}`)).status).toBe(200);
    const audit = await db.query<{ action: string }>(`SELECT action FROM record_audit WHERE action = 'purge_expired'`);
    expect(audit).toHaveLength(1);
  });
});
