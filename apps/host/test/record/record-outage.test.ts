import { randomUUID } from 'node:crypto';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { type Database, openDatabase } from '@shopchat/postgres';
import { testBackends } from '@shopchat/postgres/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newChatId } from '../chat/support/chat-requests.ts';
import { tokenFor } from '../chat/support/chat-test-server.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { type CuttableProxy, startCuttableProxy } from './support/cuttable-proxy.ts';
import { type RecordTestHost, startRecordTestHost } from './support/record-test-host.ts';

const postgres = (await testBackends('record outage')).find((b) => b.name === 'postgres');
const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

describe.skipIf(!postgres?.available)('the record through a PostgreSQL outage', () => {
  let sim: RunningModelSim;
  let proxy: CuttableProxy;
  let admin: Database;
  let db: Database;
  let host: RecordTestHost;
  const schema = `test_${randomUUID().replaceAll('-', '')}`;

  beforeAll(async () => {
    sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
    admin = await openDatabase({ url: url.href });
    // Generated above, never input.
    await admin.query(`CREATE SCHEMA ${schema}`);
    proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url.href);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    db = await openDatabase({ url: viaProxy.href, schema, connectTimeoutMs: 1_000, onIdleError: () => {} });
    host = await startRecordTestHost({ db, modelUrl: sim.url, queueLimits: { retryBaseMs: 50, retryMaxMs: 200 } });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await db?.close();
    await proxy?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.close();
    await sim?.stop();
  });

  it('answers the customer while the database is away, and records every turn once it is back', async () => {
    const id = newChatId();
    const chat = new TestChat({ baseUrl: host.baseUrl, id, token: await tokenFor('cust_alice') });
    await chat.sendMessage({ text: 'Where is my order A-1042?' });
    expect(await host.record.queue.drain(5_000)).toBe(true);

    await proxy.cut();
    await chat.sendMessage({ text: 'How do I return a gift?' });
    expect(chat.status).toBe('ready');
    expect(chat.lastAnswer.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(host.record.queue.backlog()).toBe(1));
    const metrics = await host.registry.getSingleMetricAsString('host_record_backlog');
    expect(metrics).toMatch(/host_record_backlog 1/);

    await proxy.restore();
    expect(await host.record.queue.drain(20_000)).toBe(true);
    const rows = await admin.query<{ turns: string; messages: string }>(
      `SELECT (SELECT count(*) FROM ${schema}.record_turns WHERE conversation_id = $1) AS turns,
              (SELECT count(*) FROM ${schema}.record_messages WHERE conversation_id = $1) AS messages`,
      [id],
    );
    expect(rows[0]).toEqual({ turns: '2', messages: '4' });
  });

  it('keeps the record across a restart of the host', async () => {
    const id = newChatId();
    await new TestChat({ baseUrl: host.baseUrl, id, token: await tokenFor('cust_bob') }).sendMessage({
      text: 'Where is my order A-1042?',
    });
    await host.close();
    host = await startRecordTestHost({ db, modelUrl: sim.url });
    const transcript = await host.console<{ conversation: { customerId: string; turns: number } }>(
      `/api/console/conversations/${id}`,
    );
    expect(transcript.status).toBe(200);
    expect(transcript.body.conversation).toMatchObject({ customerId: 'cust_bob', turns: 1 });
  });
});
