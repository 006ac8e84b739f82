import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { cappedBackoffMs } from '../capped-backoff.ts';
import type { HandoffWebhookPayload } from './handoff-webhook-payloads.ts';
import type { HandoffWebhookSettings } from './handoff-webhook-settings.ts';
import { SIGNATURE_HEADER, signWebhookBody } from './handoff-webhook-signature.ts';

/** The BullMQ queue of hand-offs to send to the helpdesk (with `REDIS_URL`). */
export const HANDOFF_WEBHOOK_QUEUE = 'shopchat-handoff-webhook';

/** How a hand-off's POST is retried, with the reasons. */
export const HANDOFF_WEBHOOK_DEFAULTS = {
  /** 1 s doubling to a minute apart: 20 tries ride out a helpdesk that is away for about a quarter of an hour. */
  attempts: 20,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  /** One POST may take this long before it counts as failed. */
  timeoutMs: 10_000,
} as const;

export type HandoffWebhookLimits = { -readonly [K in keyof typeof HANDOFF_WEBHOOK_DEFAULTS]: number };

/** Sends hand-offs to the helpdesk: each `id` once, retried until the helpdesk answers 2xx. */
export interface HandoffWebhookSender {
  send(id: string, payload: HandoffWebhookPayload): Promise<void>;
  close(): Promise<void>;
}

export interface HandoffWebhookSenderOptions {
  settings: HandoffWebhookSettings;
  log: Pick<Logger, 'warn' | 'error'>;
  limits?: Partial<HandoffWebhookLimits>;
  /** With Redis: a BullMQ queue and worker on this connection, under BullMQ's prefix. */
  redis?: { connection: Redis; bullPrefix: string };
}

/** One signed POST; throws unless the helpdesk answers 2xx. */
export async function postHandoff(
  settings: HandoffWebhookSettings,
  payload: HandoffWebhookPayload,
  timeoutMs: number,
): Promise<void> {
  const body = JSON.stringify(payload);
  const response = await fetch(settings.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhookBody(settings.secret, body, Math.floor(Date.now() / 1000)),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the helpdesk answered ${response.status}`);
}

/**
 * With Redis, a BullMQ job per hand-off (its id the hand-off's, so it is sent once however often it is added)
 * that any process running the sender may take; without, an in-process loop with the same backoff.
 */
export function createHandoffWebhookSender(options: HandoffWebhookSenderOptions): HandoffWebhookSender {
  const limits: HandoffWebhookLimits = { ...HANDOFF_WEBHOOK_DEFAULTS, ...options.limits };
  return options.redis ? createJobSender(options, options.redis, limits) : createInProcessSender(options, limits);
}

function createJobSender(
  options: HandoffWebhookSenderOptions,
  redis: { connection: Redis; bullPrefix: string },
  limits: HandoffWebhookLimits,
): HandoffWebhookSender {
  const { log, settings } = options;
  const bull = { connection: redis.connection, prefix: redis.bullPrefix };
  const queue = new Queue<HandoffWebhookPayload>(HANDOFF_WEBHOOK_QUEUE, bull);
  queue.on('error', (error: Error) => log.warn({ err: error }, 'hand-off webhook queue error'));
  const worker = new Worker<HandoffWebhookPayload>(
    HANDOFF_WEBHOOK_QUEUE,
    (job: Job<HandoffWebhookPayload>) => postHandoff(settings, job.data, limits.timeoutMs),
    { ...bull, settings: { backoffStrategy: (attemptsMade: number) => cappedBackoffMs(attemptsMade, limits) } },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    if (job.attemptsMade >= limits.attempts) {
      log.error({ err: error, handoff: job.id }, 'hand-off not delivered to the helpdesk; given up');
    } else if (job.attemptsMade === 1 || job.attemptsMade % 5 === 0) {
      log.warn({ err: error, handoff: job.id, attempt: job.attemptsMade }, 'hand-off webhook failed; will retry');
    }
  });
  worker.on('error', (error) => log.warn({ err: error }, 'hand-off webhook worker error'));
  return {
    async send(id, payload) {
      await queue.add('handoff', payload, {
        jobId: id,
        attempts: limits.attempts,
        backoff: { type: 'custom' },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    },
    async close() {
      await Promise.all([worker.close(), queue.close()]);
    },
  };
}

function createInProcessSender(
  options: HandoffWebhookSenderOptions,
  limits: HandoffWebhookLimits,
): HandoffWebhookSender {
  const { log, settings } = options;
  const started = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const attempt = async (id: string, payload: HandoffWebhookPayload, attemptsMade: number): Promise<void> => {
    if (closed) return;
    try {
      await postHandoff(settings, payload, limits.timeoutMs);
    } catch (error) {
      const made = attemptsMade + 1;
      if (made >= limits.attempts) {
        log.error({ err: error, handoff: id }, 'hand-off not delivered to the helpdesk; given up');
        return;
      }
      if (made === 1 || made % 5 === 0) {
        log.warn({ err: error, handoff: id, attempt: made }, 'hand-off webhook failed; will retry');
      }
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          void attempt(id, payload, made);
        },
        cappedBackoffMs(made, limits),
      );
      timer.unref();
      timers.add(timer);
    }
  };

  return {
    async send(id, payload) {
      if (closed || started.has(id)) return;
      started.add(id);
      void attempt(id, payload, 0);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
