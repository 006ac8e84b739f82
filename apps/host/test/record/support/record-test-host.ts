import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import type { Database } from '@shopchat/postgres';
import express from 'express';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createRecordRoutes } from '../../../src/console/create-record-routes.ts';
import { mintStaffToken } from '../../../src/console/mint-staff-token.ts';
import { createStaffTokenVerifier, type Staff } from '../../../src/console/verify-staff-token.ts';
import { createApiErrorHandler } from '../../../src/http/api-error-handler.ts';
import { createChatRoutes } from '../../../src/http/create-chat-routes.ts';
import { createCustomerTokenVerifier } from '../../../src/identity/verify-customer-token.ts';
import { type ConversationRecord, openConversationRecord } from '../../../src/record/open-conversation-record.ts';
import type { RecordQueueLimits } from '../../../src/record/record-write-queue.ts';
import { createClaudeTurnRunner } from '../../../src/turn/claude-turn-runner.ts';
import { TEST_SECRET } from '../../chat/support/chat-test-server.ts';
import { createFixtureGateway, type FixtureGateway } from '../../turn/fixture-gateway.ts';

export const CONSOLE_SECRET = 'console-secret-console-secret-0123456789';

export const staffToken = (staff: Staff = { staffId: 'staff_dana', role: 'admin' }, ttlSeconds?: number) =>
  mintStaffToken({ secret: CONSOLE_SECRET, staff, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) });

export interface RecordTestHost {
  baseUrl: string;
  record: ConversationRecord;
  gateway: FixtureGateway;
  registry: Registry;
  /** Staff GET of a console path, as JSON. */
  console<T = Record<string, unknown>>(path: string, token?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The chat routes with the real Claude turn runner (model-sim over HTTP, the fixture tools), recording into
 * `db`, with the record's feedback and console routes beside them, on a real HTTP server.
 */
export async function startRecordTestHost(options: {
  db: Database;
  modelUrl: string;
  now?: () => number;
  queueLimits?: Partial<RecordQueueLimits>;
}): Promise<RecordTestHost> {
  const log = pino({ level: 'silent' });
  const registry = new Registry();
  const gateway = createFixtureGateway();
  const record = await openConversationRecord({
    settings: { retentionDays: 90, purgeIntervalMs: 3_600_000 },
    db: options.db,
    log,
    registry,
    ...(options.queueLimits ? { queueLimits: options.queueLimits } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const runner = createClaudeTurnRunner({
    client: new Anthropic({ apiKey: 'model-sim', baseURL: options.modelUrl, maxRetries: 0 }),
    model: 'claude-sonnet-5-5',
    gateway,
    log,
  });
  const verifyCustomerToken = createCustomerTokenVerifier({ secret: TEST_SECRET });
  const chat = createChatRoutes({ runner, verifyCustomerToken, log, registry, recorder: record.hook });
  const app = express();
  app.use(chat.router);
  app.use(
    createRecordRoutes({
      db: record.db,
      store: chat.store,
      verifyCustomerToken,
      verifyStaffToken: createStaffTokenVerifier({ secret: CONSOLE_SECRET }),
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  app.use(createApiErrorHandler(log));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    record,
    gateway,
    registry,
    async console(path, token) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token ?? (await staffToken())}` },
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async close() {
      await chat.turns.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The database belongs to the test: only the queue is stopped here.
      await record.queue.drain(5_000);
      record.queue.close();
    },
  };
}
