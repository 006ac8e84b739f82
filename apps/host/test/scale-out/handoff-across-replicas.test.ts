import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@shopchat/postgres';
import { testBackends } from '@shopchat/postgres/testing';
import { type RunningHostProcess, redisAvailable } from '@shopchat/product-harness';
import { listenSse } from '@shopchat/product-harness/sse';
import type { UIMessageChunk } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintStaffToken } from '../../src/console/mint-staff-token.ts';
import type { Staff } from '../../src/console/verify-staff-token.ts';
import { postChat, readTurn } from './support/raw-turn-stream.ts';
import { type ScaleOutProduct, startScaleOutProduct } from './support/scale-out-product.ts';

const redis = await redisAvailable('hand-off across replicas');
const postgres = (await testBackends('hand-off across replicas')).find((b) => b.name === 'postgres');
const adminUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const CONSOLE_SECRET = 'console-secret-handoff-test-0123456789abcdef';
const DANA: Staff = { staffId: 'staff_dana', role: 'agent' };
const SAM: Staff = { staffId: 'staff_sam', role: 'agent' };

type Chunk = UIMessageChunk & { data?: Record<string, unknown>; messageMetadata?: { author?: { name: string } } };
type QueueEvent = {
  type: string;
  handoff?: { conversationId: string; state: string; summary: string };
  conversationId?: string;
};

/**
 * The hand-off as deployed: two API replicas and a worker as processes on one Redis, one PostgreSQL record.
 * The customer talks to one replica, the agents to either; every event crosses replicas.
 */
describe.runIf(redis && postgres?.available)('hand-off to a person across API replicas and a worker', () => {
  let p: ScaleOutProduct;
  let apiA: RunningHostProcess;
  let apiB: RunningHostProcess;
  let admin: Database;
  let record: Database;
  const dbName = `handoff_${randomUUID().replaceAll('-', '')}`;
  let alice: string;
  let dana: string;
  let sam: string;

  beforeAll(async () => {
    admin = await openDatabase({ url: adminUrl.href });
    // Generated above, never input.
    await admin.query(`CREATE DATABASE ${dbName}`);
    const dbUrl = new URL(adminUrl.href);
    dbUrl.pathname = `/${dbName}`;
    record = await openDatabase({ url: dbUrl.href });
    p = await startScaleOutProduct({ ttftMs: 20, tokensPerSecond: 2000 });
    const env = { DATABASE_URL: dbUrl.href, CONSOLE_JWT_SECRET: CONSOLE_SECRET };
    // Each process migrates the record under the migration lock: starting them together is safe.
    [apiA, apiB] = await Promise.all([p.host('api', env), p.host('api', env), p.host('worker', env)]);
    alice = p.product.tokens.cust_alice;
    dana = await mintStaffToken({ secret: CONSOLE_SECRET, staff: DANA });
    sam = await mintStaffToken({ secret: CONSOLE_SECRET, staff: SAM });
  }, 240_000);
  afterAll(async () => {
    await p?.close();
    await record?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.close();
  });

  const staffPost = (base: string, path: string, token: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const ask = async (base: string, id: string, text: string) =>
    readTurn(await postChat({ baseUrl: base, conversationId: id, token: alice, text }));

  it('hands over, queues live, lets one agent claim, streams the reply to the customer, and returns to the bot', async () => {
    const id = `conv-${randomUUID()}`;
    const queue = await listenSse<QueueEvent>(`${apiB.url}/api/console/queue/events`, dana);
    await queue.next((e) => e.type === 'snapshot');

    const handover = await ask(apiA.url, id, 'I want to talk to a person');
    expect(handover.chunks).toContainEqual(
      expect.objectContaining({ type: 'tool-input-available', toolName: 'transfer_to_human_agents' }),
    );
    const notice = handover.chunks.find((c) => c.type === 'data-handoff') as Chunk | undefined;
    // An agent has the queue open: someone will join (no email fallback).
    expect(notice?.data).toEqual({ state: 'waiting', agentsAvailable: true });
    const queued = await queue.next((e) => e.handoff?.conversationId === id && e.handoff.state === 'waiting');
    expect(queued.handoff?.summary).toContain('I want to talk to a person');

    // While waiting the model is not called: the message goes to the queue.
    const widget = await listenSse<Chunk>(`${apiA.url}/api/chat/${id}/events`, alice);
    await widget.next((c) => c.type === 'data-handoff');
    const modelCalls = p.modelRequests.length;
    const waiting = await ask(apiB.url, id, 'My parcel arrived damaged and nobody answers my emails');
    expect(waiting.text).toBe('');
    expect(p.modelRequests.length).toBe(modelCalls);
    await queue.next((e) => e.type === 'message' && e.conversationId === id);

    // Two agents claim at once on different replicas: one wins, the other gets 409.
    const claims = await Promise.all([
      staffPost(apiA.url, `/api/console/conversations/${id}/claim`, dana),
      staffPost(apiB.url, `/api/console/conversations/${id}/claim`, sam),
    ]);
    expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
    const holder = claims[0]?.status === 200 ? { token: dana, name: 'Dana' } : { token: sam, name: 'Sam' };
    const other = holder.token === dana ? sam : dana;
    await widget.next((c) => c.type === 'data-handoff' && c.data?.state === 'with_agent');
    expect(widget.events.find((c) => c.data?.state === 'with_agent')?.data).toMatchObject({
      agent: { name: holder.name },
    });

    // Typing and the reply reach the customer's widget on the other replica.
    expect((await staffPost(apiB.url, `/api/console/conversations/${id}/typing`, holder.token)).status).toBe(204);
    await widget.next((c) => c.type === 'data-typing');
    const reply = 'Sorry about the parcel! I am sending a replacement today.';
    const sent = await staffPost(apiB.url, `/api/console/conversations/${id}/messages`, holder.token, { text: reply });
    expect(sent.status).toBe(201);
    const start = await widget.next((c) => c.type === 'start');
    expect(start.messageMetadata?.author).toEqual({ kind: 'agent', name: holder.name });
    await widget.next((c) => c.type === 'text-delta' && c.delta === reply);

    // The history on any replica shows the agent's message, authored.
    const history = (await (
      await fetch(`${apiB.url}/api/chat/${id}`, { headers: { authorization: `Bearer ${alice}` } })
    ).json()) as { messages: { role: string; metadata?: unknown; parts: { text?: string }[] }[] };
    expect(history.messages.at(-1)).toMatchObject({
      role: 'assistant',
      metadata: { author: { kind: 'agent', name: holder.name } },
      parts: [{ type: 'text', text: reply }],
    });

    // Only the holder may answer or release.
    const stranger = await staffPost(apiA.url, `/api/console/conversations/${id}/messages`, other, { text: 'hi' });
    expect(stranger.status).toBe(409);
    const released = await staffPost(apiA.url, `/api/console/conversations/${id}/release`, holder.token, { to: 'bot' });
    expect(released.status).toBe(200);
    await widget.next((c) => c.type === 'data-handoff' && c.data?.state === 'bot');
    widget.close();
    queue.close();

    // Back with the bot: the model answers the next question.
    const answer = await ask(apiA.url, id, 'Where is my order A-1042?');
    expect(answer.text).toContain('A-1042');
    expect(p.modelRequests.length).toBeGreaterThan(modelCalls);

    // Every change on record, with who made it; the console counts the hand-off.
    const changes = await record.query<{ state: string; actor: string }>(
      'SELECT state, actor FROM record_handoff_changes WHERE conversation_id = $1 ORDER BY id',
      [id],
    );
    const holderId = holder.token === dana ? DANA.staffId : SAM.staffId;
    expect(changes).toEqual([
      { state: 'waiting', actor: 'bot' },
      { state: 'with_agent', actor: `staff:${holderId}` },
      { state: 'bot', actor: `staff:${holderId}` },
    ]);
    const metrics = (await (
      await fetch(`${apiA.url}/api/console/metrics`, { headers: { authorization: `Bearer ${dana}` } })
    ).json()) as { handedOff: number };
    expect(metrics.handedOff).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('keeps an agent reply sent while the customer reconnects, and refuses bad input with nothing changed', async () => {
    const id = `conv-${randomUUID()}`;
    const handover = await ask(apiA.url, id, 'Please let me talk to a human agent.');
    expect(handover.chunks).toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    expect((await staffPost(apiA.url, `/api/console/conversations/${id}/messages`, dana, { text: 'x' })).status).toBe(
      409,
    );
    expect((await staffPost(apiB.url, `/api/console/conversations/${id}/claim`, dana)).status).toBe(200);
    const messages = `/api/console/conversations/${id}/messages`;
    expect((await staffPost(apiA.url, messages, dana, { text: '   ' })).status).toBe(400);
    expect((await staffPost(apiA.url, messages, dana, { text: 'x'.repeat(4001) })).status).toBe(400);
    expect((await staffPost(apiA.url, messages, dana, {})).status).toBe(400);
    expect((await staffPost(apiA.url, `/api/console/conversations/${id}/release`, dana, { to: 'x' })).status).toBe(400);
    // A customer's token is no staff token; without one, no access.
    expect((await staffPost(apiA.url, `/api/console/conversations/${id}/claim`, alice)).status).toBe(401);
    expect((await fetch(`${apiA.url}/api/console/queue`)).status).toBe(401);
    // A staff token cannot read the customer's live stream.
    expect(
      (await fetch(`${apiA.url}/api/chat/${id}/events`, { headers: { authorization: `Bearer ${dana}` } })).status,
    ).toBe(401);

    // The customer's browser is away while the agent answers; on reconnect the history has it.
    const first = await listenSse<Chunk>(`${apiA.url}/api/chat/${id}/events`, alice);
    await first.next((c) => c.type === 'data-handoff');
    first.close();
    expect((await staffPost(apiB.url, messages, dana, { text: 'Are you still there?' })).status).toBe(201);
    const again = await listenSse<Chunk>(`${apiB.url}/api/chat/${id}/events`, alice);
    expect((await again.next((c) => c.type === 'data-handoff')).data).toMatchObject({
      state: 'with_agent',
      agent: { name: 'Dana' },
    });
    const history = (await (
      await fetch(`${apiA.url}/api/chat/${id}`, { headers: { authorization: `Bearer ${alice}` } })
    ).json()) as { messages: { parts: { text?: string }[] }[] };
    expect(history.messages.at(-1)?.parts[0]?.text).toBe('Are you still there?');
    // Closing ends the hand-off; the conversation is no longer in the queue.
    expect((await staffPost(apiA.url, `/api/console/conversations/${id}/release`, dana, { to: 'closed' })).status).toBe(
      200,
    );
    await again.next((c) => c.type === 'data-handoff' && c.data?.state === 'closed');
    again.close();
    const open = (await (
      await fetch(`${apiB.url}/api/console/queue`, { headers: { authorization: `Bearer ${dana}` } })
    ).json()) as { conversations: { conversationId: string }[] };
    expect(open.conversations.map((c) => c.conversationId)).not.toContain(id);
  }, 60_000);
});
