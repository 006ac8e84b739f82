import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Database, openDatabase } from '@shopchat/postgres';
import { testBackends } from '@shopchat/postgres/testing';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInMemoryConversationStore } from '../../src/chat/in-memory-conversation-store.ts';
import { createRecordRoutes } from '../../src/console/create-record-routes.ts';
import { createStaffTokenVerifier } from '../../src/console/verify-staff-token.ts';
import { createApiErrorHandler } from '../../src/http/api-error-handler.ts';
import { createCustomerTokenVerifier } from '../../src/identity/verify-customer-token.ts';
import type { FinishedTurn } from '../../src/record/finished-turn.ts';
import { migrateRecord } from '../../src/record/open-conversation-record.ts';
import {
  createRecordJobRecorder,
  createRecordJobWorker,
  RECORD_QUEUE,
  recordJobBacklog,
} from '../../src/record/record-jobs.ts';
import { createRecordMetrics } from '../../src/record/record-metrics.ts';
import { TEST_SECRET } from '../chat/support/chat-test-server.ts';
import { startCuttableProxy } from './support/cuttable-proxy.ts';
import { CONSOLE_SECRET, staffToken } from './support/record-test-host.ts';

const postgres = (await testBackends('record jobs')).find((b) => b.name === 'postgres');
const redisUp = await redisAvailable('record jobs');
const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const log = pino({ level: 'silent' });
const FAST = { retryBaseMs: 20, retryMaxMs: 200 };

function finishedTurn(overrides: Partial<FinishedTurn> = {}): FinishedTurn {
  const at = Date.now();
  const turnId = `turn-${randomUUID()}`;
  return {
    turnId,
    conversationId: `conv-${randomUUID()}`,
    customerId: 'cust_alice',
    conversationStartedAt: at - 1_000,
    startedAt: at - 500,
    finishedAt: at,
    ttftMs: 120,
    outcome: 'stop',
    traceId: null,
    customerWrote: true,
    messages: [
      { id: `${turnId}-u`, role: 'user', parts: [{ type: 'text', text: 'Where is my order A-1042?' }] },
      { id: `${turnId}-a`, role: 'assistant', parts: [{ type: 'text', text: 'It ships tomorrow.' }] },
    ],
    modelCalls: [],
    toolCalls: [],
    approvalsAsked: [],
    approvalsAnswered: [],
    ...overrides,
  };
}

describe.skipIf(!postgres?.available || !redisUp)('record writes as BullMQ jobs (Redis + PostgreSQL)', () => {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const prefix = `${uniquePrefix()}:bull`;
  let admin: Database;
  let redis: Redis;
  let workerConnection: Redis;
  let queue: Queue<FinishedTurn>;

  const count = async (table: string, conversationId: string): Promise<number> => {
    // Table names are the test's own constants, never input.
    const rows = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.${table} WHERE conversation_id = $1`,
      [conversationId],
    );
    return rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    admin = await openDatabase({ url: url.href });
    await admin.query(`CREATE SCHEMA ${schema}`);
    const migrating = await openDatabase({ url: url.href, schema });
    await migrateRecord(migrating);
    await migrating.close();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    workerConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue<FinishedTurn>(RECORD_QUEUE, { connection: redis, prefix });
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    workerConnection?.disconnect();
    await dropPrefix(prefix.replace(/:bull$/, ''));
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.close();
  });

  it('records a turn exactly once when the turn is re-run and its job runs again', async () => {
    const db = await openDatabase({ url: url.href, schema });
    const registry = new Registry();
    const metrics = createRecordMetrics(registry);
    const recorder = createRecordJobRecorder({ queue, log, metrics });
    const worker = createRecordJobWorker({ connection: workerConnection, prefix, db, log, metrics, limits: FAST });
    try {
      const turn = finishedTurn();
      // A turn job taken over by a second worker ends twice: one job id, one record.
      recorder.record(turn);
      recorder.record(turn);
      await vi.waitFor(async () => expect(await count('record_turns', turn.conversationId)).toBe(1));
      // Long after, the same turn once more (its job is gone by now): the writer finds it on record.
      await vi.waitFor(async () => expect(await queue.getJob(turn.turnId)).toBeUndefined());
      recorder.record(turn);
      await vi.waitFor(async () =>
        expect(await registry.getSingleMetricAsString('host_record_writes_total')).toMatch(/result="duplicate"} 1/),
      );
      expect(await count('record_turns', turn.conversationId)).toBe(1);
      expect(await count('record_messages', turn.conversationId)).toBe(2);
      expect(await registry.getSingleMetricAsString('host_record_writes_total')).toMatch(/result="written"} 1/);
    } finally {
      await worker.close();
      await db.close();
    }
  });

  it('records an approval answer even when its turn is written before the turn that asked', async () => {
    const db = await openDatabase({ url: url.href, schema });
    const recorder = createRecordJobRecorder({ queue, log });
    const asking = finishedTurn({
      outcome: 'approval',
      approvalsAsked: [
        {
          approvalId: 'appr-1',
          toolCallId: 'call-1',
          toolName: 'cancel_order',
          inputHash: 'a'.repeat(64),
          summary: 'Cancel order A-1049',
          expiresAt: Date.now() + 600_000,
        },
      ],
    });
    const answering = finishedTurn({
      conversationId: asking.conversationId,
      customerWrote: false,
      messages: [],
      approvalsAnswered: [{ approvalId: 'appr-1', approved: true }],
    });
    // The answer's job first, with no worker yet; the question's arrives a moment later.
    recorder.record(answering);
    const worker = createRecordJobWorker({ connection: workerConnection, prefix, db, log, limits: FAST });
    try {
      await vi.waitFor(async () => expect((await queue.getJob(answering.turnId))?.attemptsMade).toBeGreaterThan(0));
      recorder.record(asking);
      await vi.waitFor(async () => expect(await count('record_turns', asking.conversationId)).toBe(2));
      const approvals = await admin.query<{ approved: boolean }>(
        `SELECT approved FROM ${schema}.record_approvals WHERE conversation_id = $1`,
        [asking.conversationId],
      );
      expect(approvals).toEqual([{ approved: true }]);
    } finally {
      await worker.close();
      await db.close();
    }
  });

  it('keeps every record through a PostgreSQL outage, with the backlog as a metric, and a second API replica lists it', async () => {
    const proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url.href);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const db = await openDatabase({ url: viaProxy.href, schema, connectTimeoutMs: 1_000, onIdleError: () => {} });
    const registry = new Registry();
    const metrics = createRecordMetrics(registry, () => recordJobBacklog(queue));
    const recorder = createRecordJobRecorder({ queue, log, metrics });
    const worker = createRecordJobWorker({ connection: workerConnection, prefix, db, log, metrics, limits: FAST });
    // The console of another API replica: its own connection to the same database.
    const apiDb = await openDatabase({ url: url.href, schema });
    const app = express();
    app.use(
      createRecordRoutes({
        db: apiDb,
        store: createInMemoryConversationStore(),
        verifyCustomerToken: createCustomerTokenVerifier({ secret: TEST_SECRET }),
        verifyStaffToken: createStaffTokenVerifier({ secret: CONSOLE_SECRET }),
      }),
    );
    app.use(createApiErrorHandler(log));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      await proxy.cut();
      const turns = [finishedTurn({ customerId: 'cust_outage' }), finishedTurn({ customerId: 'cust_outage' })];
      for (const turn of turns) recorder.record(turn);
      await vi.waitFor(async () =>
        expect(await registry.getSingleMetricAsString('host_record_backlog')).toMatch(/host_record_backlog 2/),
      );
      await vi.waitFor(async () =>
        expect(await registry.getSingleMetricAsString('host_record_writes_total')).toMatch(/result="retry"}/),
      );
      expect(await count('record_turns', turns[0]?.conversationId ?? '')).toBe(0);

      await proxy.restore();
      await vi.waitFor(
        async () => {
          for (const turn of turns) expect(await count('record_turns', turn.conversationId)).toBe(1);
        },
        { timeout: 15_000 },
      );
      await vi.waitFor(async () =>
        expect(await registry.getSingleMetricAsString('host_record_backlog')).toMatch(/host_record_backlog 0/),
      );
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/console/conversations?customer=cust_outage`, {
        headers: { authorization: `Bearer ${await staffToken()}` },
      });
      expect(response.status).toBe(200);
      const listed = (await response.json()) as { conversations: { id: string }[] };
      expect(listed.conversations.map((c) => c.id).sort()).toEqual(turns.map((t) => t.conversationId).sort());
    } finally {
      server.closeAllConnections();
      server.close();
      await worker.close();
      await db.close();
      await apiDb.close();
      await proxy.close();
    }
  }, 60_000);
});
