import { randomUUID } from 'node:crypto';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ConversationStore, isOwnedBy } from '../chat/conversation-store.ts';
import { uiMessageToChunks } from '../chat/ui-message-to-chunks.ts';
import { closeTurnWithError } from './close-turn-with-error.ts';
import { executeChatTurn } from './execute-chat-turn.ts';
import type { ChatTurnPlan } from './plan-chat-turn.ts';
import type { RedisTurnStreamHub } from './redis-turn-stream-hub.ts';
import type { TurnRunner } from './turn-contract.ts';
import { TURN_QUEUE, type TurnJob, TurnJobSchema } from './turn-job.ts';
import { hasValidTurnJobSignature } from './turn-job-signature.ts';
import { TURN_LIMITS, type TurnLimits } from './turn-limits.ts';
import type { TurnReaderPresence } from './turn-reader-presence.ts';
import type { TurnRecorderHook } from './turn-recorder-hook.ts';
import type { TurnWorkerMetrics } from './turn-worker-metrics.ts';

/** How a worker takes turns, with the reasons. */
export const TURN_WORKER_DEFAULTS = {
  /** Turns one worker runs at once (`WORKER_CONCURRENCY`): turns mostly wait on the model, so many fit. */
  concurrency: 50,
  /**
   * BullMQ job lock: renewed every half of it while the turn runs. A worker that dies stops renewing, and
   * within this plus `stalledIntervalMs` another worker retries the job (and takes over the turn).
   */
  lockDurationMs: 10_000,
  stalledIntervalMs: 5_000,
  /** Deaths of workers one turn survives before it is given up. */
  maxStalledCount: 2,
  /** Tries of a job whose turn another run still holds (a second delivery): 1 s, 2 s, 4 s, … apart. */
  attempts: 6,
  retryDelayMs: 1_000,
} as const;

export type TurnWorkerLimits = { -readonly [K in keyof typeof TURN_WORKER_DEFAULTS]: number };

/** The outcome of one job, as the job's return value (visible in BullMQ tooling). */
export type TurnJobOutcome = 'ran' | 'resumed' | 'already-finished' | 'gone' | 'conversation-expired';

/**
 * A job the worker will not run: its signature does not match (written into Redis by someone other than an API),
 * or it does not fit the stored conversation (another caller, answers to approvals that are not pending). It
 * touches nothing: no stream is adopted or closed, no tool is called.
 */
export class RefusedTurnJobError extends UnrecoverableError {
  readonly code = 'turn_job_refused';
  readonly reason: 'bad_signature' | 'not_a_turn_job' | 'not_the_owner' | 'answers_not_pending';
  constructor(reason: RefusedTurnJobError['reason']) {
    super(`turn job refused: ${reason}`);
    this.name = 'RefusedTurnJobError';
    this.reason = reason;
  }
}

export interface TurnWorkerOptions {
  /** A connection of BullMQ's own (`maxRetriesPerRequest: null`, as BullMQ requires for workers). */
  connection: Redis;
  /** BullMQ key prefix. */
  prefix: string;
  hub: RedisTurnStreamHub;
  store: ConversationStore;
  runner: TurnRunner;
  presence: TurnReaderPresence;
  log: Logger;
  /** `TURN_JOB_SECRET`: a job runs only if the API signed it with this. */
  jobSecret: string;
  /** Overrides of {@link TURN_LIMITS}. */
  limits?: Partial<TurnLimits>;
  worker?: Partial<TurnWorkerLimits>;
  metrics?: TurnWorkerMetrics;
  /** The conversation record; unset, turns are not recorded. */
  recorder?: TurnRecorderHook;
}

export interface TurnWorker {
  /** Turns running in this worker now. */
  running(): number;
  /** Stops taking jobs and lets the running turns finish; `force` cancels them instead. */
  close(force?: boolean): Promise<void>;
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
}

/**
 * The worker role of a scaled-out host: takes turns off the queue, adopts each turn's stream (only one run
 * at a time, a retried turn after what a dead run wrote), runs it with the same executor as the in-process
 * host, and cancels it when nobody has read it for `abandonAfterMs`.
 */
export function createTurnWorker(options: TurnWorkerOptions): TurnWorker {
  const { hub, store, runner, presence, log, metrics } = options;
  const settings: TurnWorkerLimits = { ...TURN_WORKER_DEFAULTS, ...options.worker };
  const limits: TurnLimits = { ...TURN_LIMITS, ...options.limits };
  const workerId = randomUUID().slice(0, 8);
  const stopping = new AbortController();
  let running = 0;

  const process = async (job: Job<TurnJob>): Promise<TurnJobOutcome> => {
    if (!hasValidTurnJobSignature(job.data, options.jobSecret)) throw new RefusedTurnJobError('bad_signature');
    const parsed = TurnJobSchema.safeParse(job.data);
    if (!parsed.success) throw new RefusedTurnJobError('not_a_turn_job');
    const data = parsed.data;
    // Signed, so an API queued it; still, the stored conversation has the last word on who may act in it.
    const stored = await store.get(data.conversationId);
    if (stored && !isOwnedBy(stored, data.caller)) throw new RefusedTurnJobError('not_the_owner');
    if (stored && stored.finishedTurnId !== data.turnId) {
      const pending = new Set(stored.pending.map((approval) => approval.approvalId));
      if (data.answers.some((answer) => !pending.has(answer.approvalId))) {
        throw new RefusedTurnJobError('answers_not_pending');
      }
    }
    const runToken = `${workerId}:${randomUUID()}`;
    const adopted = await hub.adopt(data.conversationId, data.turnId, runToken);
    if (adopted.kind === 'busy') throw new Error('the turn is still running elsewhere; trying again later');
    if (adopted.kind === 'finished') return 'already-finished';
    if (adopted.kind === 'gone') return 'gone';
    const { writer } = adopted;
    const conversation = await store.get(data.conversationId);
    if (!conversation) {
      writer.write({ type: 'error', errorText: 'This conversation has expired. Please start a new one.' });
      writer.write({ type: 'finish', finishReason: 'error' });
      await writer.end();
      return 'conversation-expired';
    }
    // A run that died after storing the outcome: only the stream's end was missing.
    if (conversation.finishedTurnId === data.turnId) {
      await writer.end();
      return 'already-finished';
    }
    const resumed = adopted.lastSequence > data.handedOffAt;
    if (resumed) {
      // An earlier run died mid-turn: readers drop what it wrote and get the message as it was before.
      writer.write({ type: 'data-turn-restart', data: { reason: 'worker-lost' }, transient: true });
      for (const chunk of uiMessageToChunks(data.assistant as ChatTurnPlan['assistant'])) writer.write(chunk);
    }
    metrics?.queueWait.observe(Math.max(0, Date.now() - data.queuedAt) / 1000);
    const plan: ChatTurnPlan = {
      ...(data.userText !== undefined ? { userText: data.userText } : {}),
      answers: data.answers,
      assistant: data.assistant as ChatTurnPlan['assistant'],
      messages: conversation.messages,
      settledElsewhere: new Set(data.settledElsewhere),
      droppedAnswers: 0,
    };
    const abort = new AbortController();
    const onStop = () => abort.abort(new Error('the worker is stopping'));
    stopping.signal.addEventListener('abort', onStop, { once: true });
    const watch = setInterval(
      () => {
        presence.isRead(data.conversationId).then(
          (read) => {
            if (read || abort.signal.aborted) return;
            log.info({ conversationId: data.conversationId }, 'nobody is reading the turn any more; cancelling it');
            abort.abort(new Error('the customer went away'));
          },
          (error: unknown) => log.warn({ err: error }, 'could not check whether a turn is read'),
        );
      },
      Math.max(1, Math.floor(limits.abandonAfterMs / 3)),
    );
    running++;
    metrics?.running.inc();
    try {
      await executeChatTurn(
        { store, runner, log, limits, ...(options.recorder ? { recorder: options.recorder } : {}) },
        {
          turnId: data.turnId,
          conversation,
          plan,
          caller: data.caller,
          traceparent: data.traceparent,
          writer,
          signal: abort.signal,
        },
      );
      return resumed ? 'resumed' : 'ran';
    } finally {
      clearInterval(watch);
      stopping.signal.removeEventListener('abort', onStop);
      running--;
      metrics?.running.dec();
    }
  };

  const worker = new Worker<TurnJob, TurnJobOutcome>(TURN_QUEUE, process, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
    settings: { backoffStrategy: (attempts: number) => settings.retryDelayMs * 2 ** Math.max(0, attempts - 1) },
  });
  worker.on('completed', (job, outcome) => {
    metrics?.jobs.inc({ outcome });
    if (outcome !== 'ran') log.info({ turnId: job.data.turnId, outcome }, 'turn job done without a fresh run');
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    if (error instanceof RefusedTurnJobError) {
      metrics?.jobs.inc({ outcome: 'refused' });
      // Nothing of it is trusted, not even the conversation it names: no stream is closed on its behalf.
      log.warn({ jobId: job.id, reason: error.reason }, 'turn job refused');
      return;
    }
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn({ err: error, turnId: job.data.turnId, attempt: job.attemptsMade, final }, 'turn job failed');
    if (!final) return;
    metrics?.jobs.inc({ outcome: 'failed' });
    void closeTurnWithError(hub, job.data, 'Something went wrong while answering. Please try again.').catch(
      (closeError: unknown) => log.error({ err: closeError }, 'could not close a failed turn'),
    );
  });
  worker.on('error', (error) => log.warn({ err: error }, 'turn worker error'));

  return {
    running: () => running,
    ready: () => worker.waitUntilReady().then(() => {}),
    async close(force = false) {
      if (force) stopping.abort();
      await worker.close(force);
    },
  };
}

/** Options for the jobs the API queues, matching the worker's retry policy. */
export function turnJobOptions(limits: Partial<TurnWorkerLimits> = {}) {
  const settings = { ...TURN_WORKER_DEFAULTS, ...limits };
  return {
    attempts: settings.attempts,
    backoff: { type: 'custom' as const },
    // Finished jobs hold the customer's words: gone at once; failed ones are kept a day for a look.
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  };
}
