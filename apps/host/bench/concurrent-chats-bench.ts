import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { startProductProcesses, testRedisDatabaseUrl, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { postChat, readTurn, storedAnswer } from '../test/scale-out/support/raw-turn-stream.ts';
import { cpuOf, percentile, rssMiB } from './proc-stats.ts';
import { startModelSimProcess } from './start-model-sim-process.ts';

const BENCH_REDIS_DB = 10;

export interface ConcurrentChatsOptions {
  /** Chats at once, each one turn. */
  chats: number;
  ttftMs: number;
  tokensPerSecond: number;
  /**
   * Trouble during the chats: the orders server restarts, and Redis drops every connection and then stops
   * answering for three seconds. Half the chats then ask Alice's order status (a tool call to orders).
   */
  chaos?: boolean;
  /** Extra settings of the API and the worker (the baseline's `TURN_TEXT_COALESCE_MS=0`, the record's `DATABASE_URL`). */
  hostEnv?: Record<string, string>;
}

/** The conversation record during the run, from the worker's metrics. */
export interface RecordFigures {
  /** Rows written from the first chat until the backlog emptied. */
  rows: number;
  rowsPerSecond: number;
  /** Highest `host_record_backlog` seen (sampled every 100 ms). */
  maxBacklog: number;
  /** From the first chat until every finished turn was on record. */
  drainedMs: number;
}

export interface ConcurrentChatsResult {
  chats: number;
  /** Time to the first text delta, in ms: through the host (API → queue → worker → Redis → API)… */
  hostTtft: { p50: number; p99: number };
  /** …and straight from model-sim with the Anthropic SDK at the same concurrency: the baseline. */
  directTtft: { p50: number; p99: number };
  /** Turns whose streamed text differs from the stored answer, or that did not finish. */
  eventsLost: number;
  /** Turns that could not start (HTTP error) or whose stream never arrived. */
  failed: number;
  /** Turns that ended cleanly with an error message to the customer (a stream with `error` and `finish`). */
  cleanlyFailed: number;
  /** Turns that finished with an answer. */
  answered: number;
  /** Peak resident memory during the run, in MiB. */
  memoryMiB: { api: number; worker: number; modelSim: number };
  /** CPU time each process spent during the measured chats, in seconds (2 shared cores). */
  cpuSeconds: { api: number; worker: number; modelSim: number };
  wallMs: number;
  record: RecordFigures;
}

/**
 * Many concurrent streaming chats against one host API replica and one worker (processes, real Redis),
 * model-sim at a realistic pace as its own process. Each chat is small talk (one model call, no tools), so
 * the time the host adds to the first token is the host's figure minus the direct figure, measured in the
 * same run at the same concurrency.
 */
export async function measureConcurrentChats(options: ConcurrentChatsOptions): Promise<ConcurrentChatsResult> {
  const sim = await startModelSimProcess(options);
  const simUrl = sim.url;
  const redisUrl = testRedisDatabaseUrl(BENCH_REDIS_DB);
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  const product = await startProductProcesses();
  try {
    const env = {
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: uniquePrefix(),
      ANTHROPIC_BASE_URL: simUrl,
      CHAT_TURNS_PER_MINUTE: '10000',
      WORKER_CONCURRENCY: String(Math.max(50, options.chats)),
      LLM_RATE_LIMIT_REQUESTS: '1000000',
      CHAT_READS_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      // Each chat is its own visitor (X-Forwarded-For from the bench), as it would be behind a load balancer:
      // one address would meet the per-client caps on open streams and reads.
      TRUST_PROXY: '127.0.0.1',
      ...options.hostEnv,
      ...(process.env.BENCH_CPU_PROF
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
        : {}),
    };
    const [api, worker] = await Promise.all([product.startHost(env, 'api'), product.startHost(env, 'worker')]);
    const question = (i: number) => `Hello there! Nice to meet you, friend number ${i}.`;
    const chat = (i: number) =>
      options.chaos && i % 2 === 0
        ? hostTurn(api.url, 'Where is my order A-1042?', product.tokens.cust_alice)
        : hostTurn(api.url, question(i), '', visitor(i));
    // Warm up both paths (connections, JIT) before measuring.
    await Promise.all(Array.from({ length: 20 }, (_, i) => hostTurn(api.url, question(i), '', visitor(i))));
    const client = new Anthropic({ apiKey: 'model-sim', baseURL: simUrl, maxRetries: 0 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => directTurn(client, question(i))));

    const peaks = { api: 0, worker: 0, modelSim: 0 };
    const rowsBefore = await recordMetric(worker.url, 'host_record_rows_total');
    let maxBacklog = 0;
    const backlogSampler = setInterval(() => {
      void recordMetric(worker.url, 'host_record_backlog').then((n) => {
        maxBacklog = Math.max(maxBacklog, n);
      });
    }, 100);
    const sampler = setInterval(() => {
      void Promise.all([rssMiB(api.pid), rssMiB(worker.pid), rssMiB(sim.pid)]).then(([a, w, s]) => {
        peaks.api = Math.max(peaks.api, a);
        peaks.worker = Math.max(peaks.worker, w);
        peaks.modelSim = Math.max(peaks.modelSim, s);
      });
    }, 100);
    const pids = { api: api.pid, worker: worker.pid, modelSim: sim.pid };
    const cpuBefore = await cpuOf(pids);
    const started = performance.now();
    const trouble = options.chaos ? makeTrouble(product, redis) : Promise.resolve();
    const turns = await Promise.all(Array.from({ length: options.chats }, (_, i) => chat(i)));
    await trouble;
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const cpuAfter = await cpuOf(pids);
    // Every finished turn on record: the backlog empty (within a minute).
    for (
      let waited = 0;
      waited < 60_000 && (await recordMetric(worker.url, 'host_record_backlog')) > 0;
      waited += 100
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    clearInterval(backlogSampler);
    const drainedMs = performance.now() - started;
    const rows = (await recordMetric(worker.url, 'host_record_rows_total')) - rowsBefore;
    const direct = await Promise.all(Array.from({ length: options.chats }, (_, i) => directTurn(client, question(i))));

    let eventsLost = 0;
    let failed = 0;
    let cleanlyFailed = 0;
    for (const turn of turns) {
      if (!turn.started) {
        failed++;
        continue;
      }
      // A conversation that was never stored (404) lost its answer: counted, not a reason to stop the bench.
      const stored = await storedAnswer(api.url, turn.id, turn.token, turn.clientAddress).catch(() => undefined);
      if (!turn.finished || stored !== turn.text) eventsLost++;
      else if (turn.errored) cleanlyFailed++;
    }
    await Promise.all([api.stop(), worker.stop()]);
    const ttfts = turns.filter((t) => t.started && !t.errored).map((t) => t.ttftMs);
    return {
      chats: options.chats,
      hostTtft: { p50: percentile(ttfts, 0.5), p99: percentile(ttfts, 0.99) },
      directTtft: { p50: percentile(direct, 0.5), p99: percentile(direct, 0.99) },
      eventsLost,
      failed,
      cleanlyFailed,
      answered: turns.length - failed - eventsLost - cleanlyFailed,
      memoryMiB: peaks,
      cpuSeconds: {
        api: cpuAfter.api - cpuBefore.api,
        worker: cpuAfter.worker - cpuBefore.worker,
        modelSim: cpuAfter.modelSim - cpuBefore.modelSim,
      },
      wallMs,
      record: { rows, rowsPerSecond: rows / (drainedMs / 1000), maxBacklog, drainedMs },
    };
  } finally {
    await product.stop();
    await sim.stop();
    await redis.flushdb();
    redis.disconnect();
  }
}

interface HostTurn {
  id: string;
  token: string;
  clientAddress?: string;
  /** The stream opened (HTTP 200). */
  started: boolean;
  ttftMs: number;
  text: string;
  finished: boolean;
  /** The stream carried an error message for the customer. */
  errored: boolean;
}

/** One chat turn through the host (anonymous without a token), timed to its first text delta. */
async function hostTurn(baseUrl: string, text: string, token = '', clientAddress?: string): Promise<HostTurn> {
  const id = `bench-${randomUUID()}`;
  const who = { id, token, ...(clientAddress ? { clientAddress } : {}) };
  const started = performance.now();
  let ttftMs = Number.NaN;
  try {
    const response = await postChat({ baseUrl, conversationId: id, text, ...who });
    if (!response.ok) {
      await response.arrayBuffer();
      return { ...who, started: false, ttftMs, text: '', finished: false, errored: true };
    }
    const turn = await readTurn(response, (chunk) => {
      if (chunk.type === 'text-delta' && Number.isNaN(ttftMs)) ttftMs = performance.now() - started;
    });
    const errored = turn.chunks.some((chunk) => chunk.type === 'error');
    return { ...who, started: true, ttftMs, text: turn.text, finished: turn.finished, errored };
  } catch {
    return { ...who, started: false, ttftMs, text: '', finished: false, errored: true };
  }
}

/** The address of visitor `i` (documentation range 198.18.0.0/15, never a real client). */
function visitor(i: number): string {
  return `198.18.${(i >> 8) & 255}.${i & 255}`;
}

/** The orders server restarts; Redis drops every connection, then answers nothing for three seconds. */
async function makeTrouble(product: Awaited<ReturnType<typeof startProductProcesses>>, redis: Redis): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(800);
  const restart = (async () => {
    await product.stopService('orders');
    await product.startService('orders');
  })();
  await sleep(400);
  const own = await redis.client('ID');
  const clients = (await redis.client('LIST')) as string;
  for (const line of clients.split('\n')) {
    const id = /id=(\d+)/.exec(line)?.[1];
    if (id && Number(id) !== Number(own) && line.includes(` db=${BENCH_REDIS_DB} `)) {
      await redis.client('KILL', 'ID', id).catch(() => {});
    }
  }
  await redis.call('CLIENT', 'PAUSE', '3000', 'ALL');
  await restart;
}

/** The same request straight to model-sim, timed to its first text delta. */
async function directTurn(client: Anthropic, text: string): Promise<number> {
  const started = performance.now();
  const stream = client.messages.stream({
    model: 'claude-sonnet-5-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: text }],
  });
  let ttft = Number.NaN;
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && Number.isNaN(ttft)) ttft = performance.now() - started;
  }
  return ttft;
}

/** One unlabelled metric's value from a process's /metrics (0 when absent or unreachable). */
async function recordMetric(baseUrl: string, name: string): Promise<number> {
  const text = await fetch(`${baseUrl}/metrics`)
    .then((response) => response.text())
    .catch(() => '');
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return Number(match?.[1] ?? 0);
}
