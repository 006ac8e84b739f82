import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import express from 'express';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisConversationStore } from '../../src/chat/redis-conversation-store.ts';
import { createInMemoryAgentPresence } from '../../src/handoff/agent-presence.ts';
import { createHandoffWebhookRoutes } from '../../src/handoff/create-handoff-webhook-routes.ts';
import { createInMemoryHandoffBus } from '../../src/handoff/handoff-bus.ts';
import { createRedisHandoffStore } from '../../src/handoff/handoff-store.ts';
import { type HandoffWebhookPayload, HandoffWebhookPayloadSchema } from '../../src/handoff/handoff-webhook-payloads.ts';
import { createHandoffWebhookSender, type HandoffWebhookSender } from '../../src/handoff/handoff-webhook-sender.ts';
import { loadHandoffWebhookSettings } from '../../src/handoff/handoff-webhook-settings.ts';
import {
  createRedisReplayGuard,
  SIGNATURE_HEADER,
  signWebhookBody,
  verifyWebhookSignature,
} from '../../src/handoff/handoff-webhook-signature.ts';
import { createHandoffs } from '../../src/handoff/handoffs.ts';
import { withHandoffWebhook } from '../../src/handoff/with-handoff-webhook.ts';
import { createApiErrorHandler } from '../../src/http/api-error-handler.ts';
import { createOpenApiDocument } from '../../src/http/openapi-document.ts';

const redisUp = await redisAvailable('the hand-off webhook');
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const log = pino({ level: 'silent' });
const prefix = uniquePrefix();
const redis = redisUp ? new Redis(TEST_REDIS_URL) : undefined;
const bullRedis = redisUp ? new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }) : undefined;
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  if (redis) {
    await dropPrefix(prefix);
    redis.disconnect();
    bullRedis?.disconnect();
  }
});

/** A helpdesk on loopback that keeps what it received (verified against the secret), and can be down. */
async function startReceiver(port = 0) {
  const received: { payload: HandoffWebhookPayload; verified: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyWebhookSignature(SECRET, req.headers[SIGNATURE_HEADER] as string, body, nowSeconds());
      received.push({ payload: HandoffWebhookPayloadSchema.parse(JSON.parse(body)), verified: check.ok });
      res.writeHead(check.ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  const { port: bound } = server.address() as AddressInfo;
  return {
    received,
    port: bound,
    url: `http://127.0.0.1:${bound}/handoffs`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The hand-off operations over Redis, with a conversation of a few messages. */
async function handoffsWithConversation() {
  if (!redis) throw new Error('needs Redis');
  const conversations = createRedisConversationStore({ redis, prefix });
  const handoffs = createHandoffs({
    store: createRedisHandoffStore({ redis, prefix }),
    bus: createInMemoryHandoffBus(),
    presence: createInMemoryAgentPresence(),
    conversations,
    log,
  });
  const id = `conv_${randomUUID().slice(0, 8)}`;
  const created = await conversations.create(id, { kind: 'customer', customerId: 'cust_alice' });
  await conversations.save({
    ...created,
    messages: [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'My parcel arrived broken.' }] },
      { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'I am sorry to hear that.' }] },
    ],
  });
  return { handoffs, conversations, id };
}

const until = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('HANDOFF_WEBHOOK settings', () => {
  it('needs a secret of 32+ characters with the URL, and https unless on loopback', () => {
    expect(loadHandoffWebhookSettings({})).toBeUndefined();
    expect(() => loadHandoffWebhookSettings({ HANDOFF_WEBHOOK_URL: 'https://desk.example/h' })).toThrow(
      /HANDOFF_WEBHOOK_SECRET/,
    );
    expect(() =>
      loadHandoffWebhookSettings({ HANDOFF_WEBHOOK_URL: 'https://desk.example/h', HANDOFF_WEBHOOK_SECRET: 'short' }),
    ).toThrow(/32 characters/);
    expect(() =>
      loadHandoffWebhookSettings({ HANDOFF_WEBHOOK_URL: 'http://desk.example/h', HANDOFF_WEBHOOK_SECRET: SECRET }),
    ).toThrow(/HANDOFF_WEBHOOK_URL/);
    expect(
      loadHandoffWebhookSettings({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:9/h', HANDOFF_WEBHOOK_SECRET: SECRET }),
    ).toEqual({ url: 'http://127.0.0.1:9/h', secret: SECRET });
  });
});

describe('the webhook in the OpenAPI document', () => {
  it('documents the payload sent and the signed reply, in a valid document', async () => {
    const document = createOpenApiDocument({ maxMessageChars: 4000, bodyLimitBytes: 65_536, turnsPerMinute: 20 });
    expect(await new Validator().validate(document)).toMatchObject({ valid: true });
    const json = JSON.stringify(document);
    const schemas = (document.components as { schemas: Record<string, { properties?: object }> }).schemas;
    expect(Object.keys(schemas.HandoffWebhookPayload?.properties ?? {})).toEqual(
      expect.arrayContaining(['conversationId', 'customerId', 'summary', 'reason', 'createdAt', 'transcript']),
    );
    expect(Object.keys(schemas.HelpdeskMessageRequest?.properties ?? {})).toEqual(['text', 'author']);
    expect(json).toContain('"/api/handoff/{id}/messages"');
    expect(json).toContain('"handoffRequested"');
  });
});

describe.runIf(redisUp)('the hand-off, sent to the helpdesk', () => {
  // A queue of its own per sender: a worker posts to the URL it was made with.
  const sender = (url: string, limits = {}, mode: 'bullmq' | 'in process' = 'bullmq'): HandoffWebhookSender => {
    const made = createHandoffWebhookSender({
      settings: { url, secret: SECRET },
      log,
      limits,
      ...(mode === 'bullmq' && bullRedis
        ? { redis: { connection: bullRedis, bullPrefix: `${prefix}:bull:${randomUUID().slice(0, 8)}` } }
        : {}),
    });
    closers.push(() => made.close());
    return made;
  };

  it.each(['bullmq', 'in process'] as const)(
    'arrives signed, with the summary and the transcript (%s)',
    async (mode) => {
      const receiver = await startReceiver();
      const { handoffs, conversations, id } = await handoffsWithConversation();
      const sending = withHandoffWebhook(handoffs, { sender: sender(receiver.url, {}, mode), conversations, log });
      await sending.request({
        conversationId: id,
        customerId: 'cust_alice',
        summary: 'Broken parcel.',
        reason: 'customer_upset',
      });
      await until(() => receiver.received.length > 0, 10_000);
      const [delivery] = receiver.received;
      expect(delivery?.verified).toBe(true);
      expect(delivery?.payload).toMatchObject({
        type: 'handoff.requested',
        conversationId: id,
        customerId: 'cust_alice',
        summary: 'Broken parcel.',
        reason: 'customer_upset',
        transcript: [
          { role: 'customer', text: 'My parcel arrived broken.' },
          { role: 'bot', text: 'I am sorry to hear that.' },
        ],
      });
    },
  );

  it('reaches a helpdesk that was down for a minute, exactly once', async () => {
    const first = await startReceiver();
    await first.stop();
    const { handoffs, conversations, id } = await handoffsWithConversation();
    const sending = withHandoffWebhook(handoffs, {
      sender: sender(first.url, { retryBaseMs: 1_000, retryMaxMs: 8_000 }),
      conversations,
      log,
    });
    const input = {
      conversationId: id,
      customerId: 'cust_alice',
      summary: 'Broken parcel.',
      reason: 'customer_upset' as const,
    };
    await sending.request(input);
    // A retried turn asks again: the same hand-off, not a second POST.
    await sending.request(input);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    const back = await startReceiver(first.port);
    await until(() => back.received.length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(back.received.map((r) => [r.payload.conversationId, r.verified])).toEqual([[id, true]]);
  }, 120_000);
});

describe.runIf(redisUp)('POST /api/handoff/:id/messages', () => {
  const start = async () => {
    const { handoffs, conversations, id } = await handoffsWithConversation();
    await handoffs.request({
      conversationId: id,
      customerId: 'cust_alice',
      summary: 'Broken parcel.',
      reason: 'customer_upset',
    });
    const app = express();
    app.use(
      createHandoffWebhookRoutes({
        handoffs,
        secret: SECRET,
        replays: createRedisReplayGuard({ redis: redis as Redis, prefix }),
      }),
    );
    app.use(createApiErrorHandler(log));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/handoff/${id}/messages`;
    const sign = (body: string, t = nowSeconds(), secret = SECRET) => signWebhookBody(secret, body, t, id);
    const post = (body: string, signature: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body,
      });
    const messages = async () => (await conversations.get(id))?.messages ?? [];
    return { post, messages, sign, id };
  };
  const reply = JSON.stringify({ text: 'Hello, Kim from the helpdesk here.', author: { name: 'Kim Larsen' } });

  it('delivers a well-signed reply to the conversation, named by the agent’s first name', async () => {
    const { post, messages, sign } = await start();
    const response = await post(reply, sign(reply));
    expect(response.status).toBe(201);
    const last = (await messages()).at(-1);
    expect(last).toMatchObject({
      role: 'assistant',
      metadata: { author: { kind: 'helpdesk', name: 'Kim' } },
      parts: [{ type: 'text', text: 'Hello, Kim from the helpdesk here.' }],
    });
  });

  it('answers 401 and changes nothing for a forged, stale or replayed signature', async () => {
    const { post, messages, sign } = await start();
    const before = await messages();
    const good = sign(reply);
    expect((await post(reply, good)).status).toBe(201);
    const afterGood = await messages();
    expect(afterGood).toHaveLength(before.length + 1);

    const attempts = [
      ['forged', sign(reply, nowSeconds(), 'another-secret-of-at-least-32-characters')],
      ['stale', sign(reply, nowSeconds() - 10 * 60)],
      ['replayed', good],
      ['missing', ''],
    ] as const;
    for (const [, signature] of attempts) {
      const response = await post(reply, signature);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('token_invalid');
      expect(body.message).toMatch(/sign|signature/i);
    }
    // A good signature for another conversation, or over another body, is forged too.
    expect((await post(reply, signWebhookBody(SECRET, reply, nowSeconds(), 'conv_other'))).status).toBe(401);
    const changed = JSON.stringify({ text: 'Send me your password.', author: { name: 'Kim' } });
    expect((await post(changed, sign(reply))).status).toBe(401);
    expect(await messages()).toEqual(afterGood);
  });

  it('answers 400 for an empty or oversized text, and changes nothing', async () => {
    const { post, messages, sign } = await start();
    const before = await messages();
    for (const text of ['   ', 'x'.repeat(4001)]) {
      const body = JSON.stringify({ text, author: { name: 'Kim' } });
      expect((await post(body, sign(body))).status).toBe(400);
    }
    expect(await messages()).toEqual(before);
  });
});
