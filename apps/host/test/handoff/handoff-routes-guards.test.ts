import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { listenSse } from '@shopchat/product-harness/sse';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintStaffToken } from '../../src/console/mint-staff-token.ts';
import { type HandoffWebhookPayload, HandoffWebhookPayloadSchema } from '../../src/handoff/handoff-webhook-payloads.ts';
import { handoffEventsConnectionName } from '../../src/handoff/open-handoff-state.ts';
import type { RunningHost } from '../../src/start-host.ts';
import { waitUntil } from '../e2e/support/start-product.ts';
import { postChat, readTurn } from '../scale-out/support/raw-turn-stream.ts';
import { hostsWithoutShopTools } from './support/start-host-without-shop-tools.ts';

const redisUp = await redisAvailable('hand-off shutdown');
const CONSOLE_SECRET = 'console-secret-handoff-guards-0123456789abcdef';
const WEBHOOK_SECRET = 'a-webhook-secret-of-at-least-32-characters!';

type Chunk = { type: string; data?: Record<string, unknown>; delta?: string };

/**
 * The hand-off routes' guards on an all-in-one host as `npm start` runs it (no Redis): the live streams under
 * the chat API's stream caps and read limit, typing throttled, bad input refused with nothing changed, the
 * helpdesk's transcript read from the host's own conversations; and, with Redis, a clean shutdown. The hosts
 * run in this process with model-sim and no MCP server (the hand-off tool is the host's own).
 */
describe('hand-off routes: limits, throttle, bad input, webhook transcript, shutdown', () => {
  let sim: RunningModelSim;
  const hosts: RunningHost[] = [];
  let startOne: (env: Record<string, string>) => Promise<RunningHost>;
  let host: RunningHost;
  let alice: string;
  let bob: string;
  let dana: string;
  let sam: string;
  const received: HandoffWebhookPayload[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(HandoffWebhookPayloadSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
    const hostsOf = await hostsWithoutShopTools(sim.url);
    startOne = async (env) => {
      const started = await hostsOf.start(env);
      hosts.push(started);
      return started;
    };
    host = await startOne({
      CONSOLE_JWT_SECRET: CONSOLE_SECRET,
      HANDOFF_WEBHOOK_URL: `http://127.0.0.1:${port}/handoffs`,
      HANDOFF_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    ({ cust_alice: alice, cust_bob: bob } = hostsOf.tokens);
    dana = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_dana', role: 'agent' } });
    sam = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_sam', role: 'agent' } });
  }, 120_000);
  afterAll(async () => {
    for (const started of hosts) await started.stop();
    await sim?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const get = (base: string, path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const staffPost = (path: string, token: string, body?: unknown) =>
    fetch(`${host.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** A conversation of alice's the bot handed over (model-sim calls the hand-off tool on this request). */
  const handedOver = async (base = host.url, token = alice): Promise<string> => {
    const id = `conv-${randomUUID()}`;
    await readTurn(await postChat({ baseUrl: base, conversationId: id, token, text: 'My order A-1042 is late.' }));
    const turn = await readTurn(
      await postChat({ baseUrl: base, conversationId: id, token, text: 'I want to talk to a person' }),
    );
    expect(turn.chunks).toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    return id;
  };
  const stateOf = async (id: string) =>
    ((await (await get(host.url, `/api/console/handoffs/${id}`, dana)).json()) as { handoff: { state: string } })
      .handoff;
  const historyOf = async (id: string) =>
    ((await (await get(host.url, `/api/chat/${id}`, alice)).json()) as { messages: unknown[] }).messages;

  it('sends the helpdesk the transcript from the host’s own conversations (no Redis)', async () => {
    const id = await handedOver();
    await waitUntil(() => received.some((p) => p.conversationId === id), 15_000);
    const payload = received.find((p) => p.conversationId === id);
    // What was said before the hand-off, from the chat API's own store (it was empty before the fix).
    expect(payload?.transcript[0]).toEqual({ role: 'customer', text: 'My order A-1042 is late.' });
    expect(payload?.transcript[1]?.role).toBe('bot');
  }, 60_000);

  it('caps the customer’s live streams per conversation like the chat’s streams: 429 with Retry-After', async () => {
    const id = await handedOver();
    const streams = await Promise.all(
      Array.from({ length: 4 }, () => listenSse<Chunk>(`${host.url}/api/chat/${id}/events`, alice)),
    );
    const refused = await get(host.url, `/api/chat/${id}/events`, alice);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { message: string }).message).toMatch(/per conversation/);
    // A closed stream frees its slot.
    streams[0]?.close();
    let again: Response | undefined;
    for (let tries = 0; tries < 100 && again?.status !== 200; tries++) {
      await again?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await get(host.url, `/api/chat/${id}/events`, alice);
    }
    expect(again?.status).toBe(200);
    await again?.body?.cancel();
    for (const stream of streams) stream.close();
  }, 60_000);

  it('caps one staff member’s queue streams, and counts them apart from another’s', async () => {
    const streams = await Promise.all(
      Array.from({ length: 4 }, () => listenSse(`${host.url}/api/console/queue/events`, dana)),
    );
    const refused = await get(host.url, '/api/console/queue/events', dana);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    const other = await listenSse(`${host.url}/api/console/queue/events`, sam);
    await other.next((e) => e.type === 'snapshot');
    other.close();
    for (const stream of streams) stream.close();
  }, 30_000);

  it('publishes at most one typing signal a second; the rest are accepted and dropped', async () => {
    const id = await handedOver();
    expect((await staffPost(`/api/console/conversations/${id}/claim`, dana)).status).toBe(200);
    const widget = await listenSse<Chunk>(`${host.url}/api/chat/${id}/events`, alice);
    await widget.next((c) => c.type === 'data-handoff');
    const typed = await Promise.all(
      Array.from({ length: 5 }, () => staffPost(`/api/console/conversations/${id}/typing`, dana)),
    );
    expect(typed.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    // Events on a conversation's channel arrive in order: once the reply is in, every typing signal is too.
    expect((await staffPost(`/api/console/conversations/${id}/messages`, dana, { text: 'Hello!' })).status).toBe(201);
    await widget.next((c) => c.type === 'text-delta' && c.delta === 'Hello!');
    expect(widget.events.filter((c) => c.type === 'data-typing')).toHaveLength(1);
    widget.close();
  }, 60_000);

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const id = await handedOver();
    const messages = `/api/console/conversations/${id}/messages`;
    // Not claimed: no one may answer, type or release yet.
    expect((await staffPost(messages, dana, { text: 'Hi' })).status).toBe(409);
    expect((await staffPost(`/api/console/conversations/${id}/typing`, dana)).status).toBe(409);
    expect((await staffPost(`/api/console/conversations/${id}/release`, dana, { to: 'bot' })).status).toBe(409);
    const before = await historyOf(id);
    expect((await stateOf(id)).state).toBe('waiting');

    expect((await staffPost(`/api/console/conversations/${id}/claim`, dana)).status).toBe(200);
    // Claimed by dana: sam may not answer, type, release or claim it.
    const conflict = await staffPost(messages, sam, { text: 'Hi' });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: string }).error).toBe('handoff_conflict');
    expect((await staffPost(`/api/console/conversations/${id}/typing`, sam)).status).toBe(409);
    expect((await staffPost(`/api/console/conversations/${id}/release`, sam, { to: 'closed' })).status).toBe(409);
    expect((await staffPost(`/api/console/conversations/${id}/claim`, sam)).status).toBe(409);

    // Empty, blank, oversized, missing or extra text: 400.
    for (const body of [{ text: '' }, { text: '  \n ' }, { text: 'x'.repeat(4001) }, {}, { text: 'hi', extra: 1 }]) {
      const refused = await staffPost(messages, dana, body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(/text|body/);
    }
    expect((await staffPost(`/api/console/conversations/${id}/release`, dana, { to: 'nobody' })).status).toBe(400);
    expect((await staffPost('/api/console/conversations/not%20an%20id/claim', dana)).status).toBe(400);

    // A customer's token is no staff token; no token is none: 401 on every staff route, the queue too.
    for (const token of [alice, 'not-a-token']) {
      expect((await staffPost(messages, token, { text: 'Hi' })).status).toBe(401);
      expect((await staffPost(`/api/console/conversations/${id}/claim`, token)).status).toBe(401);
      expect((await staffPost(`/api/console/conversations/${id}/typing`, token)).status).toBe(401);
      expect((await staffPost(`/api/console/conversations/${id}/release`, token, { to: 'bot' })).status).toBe(401);
      expect((await get(host.url, '/api/console/queue', token)).status).toBe(401);
      expect((await get(host.url, '/api/console/queue/events', token)).status).toBe(401);
      expect((await get(host.url, `/api/console/handoffs/${id}`, token)).status).toBe(401);
    }
    // A staff token cannot read a customer's live stream; another customer cannot either.
    expect((await get(host.url, `/api/chat/${id}/events`, dana)).status).toBe(401);
    expect((await get(host.url, `/api/chat/${id}/events`, bob)).status).toBe(404);

    // Nothing changed: still dana's, and no message was added.
    expect(await stateOf(id)).toMatchObject({ state: 'with_agent', agent: { staffId: 'staff_dana' } });
    expect(await historyOf(id)).toEqual(before);
  }, 60_000);

  it('counts opening a live stream as a read (CHAT_READS_PER_MINUTE), for customers and staff', async () => {
    const limited = await startOne({ CONSOLE_JWT_SECRET: CONSOLE_SECRET, CHAT_READS_PER_MINUTE: '2' });
    const id = await handedOver(limited.url);
    for (let i = 0; i < 2; i++) {
      const stream = await listenSse(`${limited.url}/api/chat/${id}/events`, alice);
      stream.close();
    }
    const refused = await get(limited.url, `/api/chat/${id}/events`, alice);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    for (let i = 0; i < 2; i++) {
      const stream = await listenSse(`${limited.url}/api/console/queue/events`, dana);
      stream.close();
    }
    expect((await get(limited.url, '/api/console/queue/events', dana)).status).toBe(429);
    // Per staff member: another agent still reads.
    const other = await listenSse(`${limited.url}/api/console/queue/events`, sam);
    other.close();
  }, 60_000);

  describe.runIf(redisUp)('on shutdown, with Redis', () => {
    const prefix = uniquePrefix();
    afterAll(() => dropPrefix(prefix));

    it('ends the live streams cleanly and closes the hand-off event subscriber', async () => {
      const running = await startOne({
        CONSOLE_JWT_SECRET: CONSOLE_SECRET,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        TURN_JOB_SECRET: 'turn-job-secret-for-the-handoff-guards-test-0123',
        SHUTDOWN_GRACE_MS: '2000',
      });
      const id = await handedOver(running.url);
      const endOf = async (path: string, token: string) => {
        const response = await get(running.url, path, token);
        expect(response.status).toBe(200);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        return (async () => {
          try {
            while (!(await reader.read()).done) {}
            return 'ended';
          } catch {
            return 'cut';
          }
        })();
      };
      const customer = endOf(`/api/chat/${id}/events`, alice);
      const queue = endOf('/api/console/queue/events', dana);
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const subscribers = async () =>
          ((await redis.client('LIST')) as string)
            .split('\n')
            .filter((line) => line.includes(`name=${handoffEventsConnectionName(prefix)} `));
        // The subscriber connects once a stream first listens (just after the stream's headers).
        for (let tries = 0; tries < 100 && (await subscribers()).length === 0; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await subscribers()).toHaveLength(1);
        await running.stop();
        expect(await Promise.all([customer, queue])).toEqual(['ended', 'ended']);
        expect(await subscribers()).toEqual([]);
      } finally {
        redis.disconnect();
      }
    }, 90_000);
  });
});
