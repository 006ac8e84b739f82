import { randomUUID } from 'node:crypto';
import { type RunningHostProcess, redisAvailable, uniquePrefix } from '@shopchat/product-harness';
import type { UIMessageChunk } from 'ai';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TURN_QUEUE, type TurnJob } from '../../src/turn/turn-job.ts';
import { postChat, readTurn, resumeChat, storedAnswer } from './support/raw-turn-stream.ts';
import { jobsDone, runningTurns, type ScaleOutProduct, startScaleOutProduct } from './support/scale-out-product.ts';

const available = await redisAvailable('the scaled-out host');
const TRACK = 'Where is my order A-1042?';
const RETURN = 'The boots from A-1031 are too small, can I send them back?';
const newId = () => `conv-${randomUUID()}`;

/**
 * The host as it is deployed with REDIS_URL: two API replicas and two workers, each its own process, with
 * the real MCP servers and a model at a realistic pace, sharing one Redis database.
 */
describe.runIf(available)('the scaled-out host: API replicas and workers as processes', () => {
  let p: ScaleOutProduct;
  let apiA: RunningHostProcess;
  let apiB: RunningHostProcess;
  let workers: RunningHostProcess[] = [];
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    p = await startScaleOutProduct({ ttftMs: 500, tokensPerSecond: 25 });
    // Two at a time: each host process opens its own embedded record database (PGlite), and four of those
    // starting at once on two cores can outlast a process's 60 s start deadline. Workers first: an API
    // replica lists the tools the workers publish, and is ready only once it lists them all.
    workers = await Promise.all([p.host('worker'), p.host('worker')]);
    [apiA, apiB] = await Promise.all([p.host('api'), p.host('api')]);
    alice = p.product.tokens.cust_alice;
    bob = p.product.tokens.cust_bob;
  }, 240_000);
  afterAll(async () => {
    await p?.close();
  });

  /** The worker running a turn right now. */
  const busyWorker = async (): Promise<RunningHostProcess> => {
    let found: RunningHostProcess | undefined;
    await vi.waitFor(
      async () => {
        for (const worker of workers) if ((await runningTurns(worker)) > 0) found = worker;
        expect(found).toBeDefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    return found as RunningHostProcess;
  };
  /** Kills a worker outright, and starts a fresh one in its place for the tests after. */
  const killAndReplace = async (worker: RunningHostProcess): Promise<void> => {
    await worker.kill();
    workers = workers.filter((w) => w !== worker);
    workers.push(await p.host('worker'));
  };

  it('streams a turn from a worker, and resumes it on the other API replica from the start', async () => {
    const id = newId();
    const first = new AbortController();
    let sawText!: () => void;
    const textSeen = new Promise<void>((resolve) => {
      sawText = resolve;
    });
    const cut = readTurn(
      await postChat({ baseUrl: apiA.url, conversationId: id, token: alice, text: TRACK, signal: first.signal }),
      (c) => {
        if (c.type === 'text-delta') sawText();
      },
    );
    await textSeen;
    first.abort(); // the browser's connection drops mid-answer
    const partial = await cut;
    expect(partial.finished).toBe(false);

    const resumed = await readTurn(await resumeChat(apiB.url, id, alice));
    expect(resumed.finished).toBe(true);
    // The resumed stream replays the whole answer: what the first one saw is its beginning.
    expect(resumed.text.startsWith(partial.text)).toBe(true);
    expect(resumed.text).toContain('A-1042');
    expect(await storedAnswer(apiA.url, id, alice)).toBe(resumed.text);
    // Nothing runs any more: a resume now has nothing to follow.
    expect((await resumeChat(apiA.url, id, alice)).status).toBe(204);
  }, 60_000);

  it('takes an approval on the other replica; a worker dying after the approved call does not run it twice', async () => {
    const id = newId();
    const asked = await readTurn(await postChat({ baseUrl: apiA.url, conversationId: id, token: alice, text: RETURN }));
    const request = asked.chunks.find((c) => c.type === 'tool-approval-request') as
      | Extract<UIMessageChunk, { type: 'tool-approval-request' }>
      | undefined;
    if (!request) throw new Error(`no approval was asked: ${JSON.stringify(asked.chunks.map((c) => c.type))}`);
    const call = asked.chunks.find(
      (c) => c.type === 'tool-input-available' && c.toolCallId === request.toolCallId,
    ) as Extract<UIMessageChunk, { type: 'tool-input-available' }>;
    expect(call.toolName).toBe('start_return');

    // The answer goes to the other replica; the worker dies once the return is started, mid-answer.
    let returnStarted!: (output: unknown) => void;
    const started = new Promise<unknown>((resolve) => {
      returnStarted = resolve;
    });
    const answering = readTurn(
      await postChat({
        baseUrl: apiB.url,
        conversationId: id,
        token: alice,
        approvals: [
          {
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            input: call.input,
            approvalId: request.approvalId,
            approved: true,
          },
        ],
      }),
      (c) => {
        if (c.type === 'tool-output-available' && c.toolCallId === call.toolCallId) returnStarted(c.output);
      },
    );
    const firstOutput = (await started) as { rma: string };
    await killAndReplace(await busyWorker());

    const answer = await answering;
    expect(answer.finished).toBe(true);
    expect(answer.restarts).toBe(1);
    // The retried turn ran the approved call again with the same idempotency key: the same return, not a second.
    const outputs = answer.chunks.filter(
      (c) => c.type === 'tool-output-available' && c.toolCallId === call.toolCallId,
    ) as { output: { rma: string } }[];
    expect(outputs.map((o) => o.output.rma)).toEqual([firstOutput.rma, firstOutput.rma]);
    expect(answer.text).toContain(firstOutput.rma);
    expect(await storedAnswer(apiA.url, id, alice)).toBe(answer.text);

    const check = await readTurn(
      await postChat({ baseUrl: apiA.url, conversationId: newId(), token: alice, text: 'Show me order A-1031' }),
    );
    const order = check.chunks.find((c) => c.type === 'tool-output-available') as { output: { returns: unknown[] } };
    expect(order.output.returns).toHaveLength(1);
  }, 90_000);

  it('finishes a turn whose worker is killed mid-answer on the other worker, every event delivered', async () => {
    const id = newId();
    const { reading, textSeen } = await askAndRead(apiA.url, id, alice, TRACK);
    await textSeen;
    await killAndReplace(await busyWorker());
    const seen = await reading;
    expect(seen.finished).toBe(true);
    expect(seen.restarts).toBe(1);
    expect(seen.text).toContain('A-1042');
    expect(await storedAnswer(apiB.url, id, alice)).toBe(seen.text);
    // A reader who arrives now gets the same, replayed.
    const replay = await resumeChat(apiB.url, id, alice);
    if (replay.status === 200) expect((await readTurn(replay)).text).toBe(seen.text);
  }, 90_000);

  it('rides out a Redis connection blip mid-turn without losing an event', async () => {
    const id = newId();
    const { reading, textSeen } = await askAndRead(apiA.url, id, alice, TRACK);
    await textSeen;
    // Every connection of the host processes to this database is cut (as a Redis failover would).
    const killed = await killClients(p);
    expect(killed).toBeGreaterThan(3);
    const seen = await reading;
    expect(seen.finished).toBe(true);
    expect(seen.restarts).toBe(0);
    expect(seen.text).toContain('A-1042');
    expect(await storedAnswer(apiB.url, id, alice)).toBe(seen.text);
  }, 60_000);

  it('runs a turn once when its job is delivered twice, during the turn and after it', async () => {
    const queue = new Queue<TurnJob>(TURN_QUEUE, { connection: { url: p.redisUrl }, prefix: `${p.prefix}:bull` });
    try {
      const baseline = p.modelRequests.length;
      const solo = await readTurn(
        await postChat({ baseUrl: apiA.url, conversationId: newId(), token: alice, text: TRACK }),
      );
      const perTurn = p.modelRequests.length - baseline;
      expect(solo.finished).toBe(true);

      const id = newId();
      const before = p.modelRequests.length;
      const response = await postChat({ baseUrl: apiA.url, conversationId: id, token: alice, text: TRACK });
      // The job as the API queued it, delivered again under another job id (a redelivery after a stall).
      const original = await vi.waitFor(
        async () => {
          const jobs = await queue.getJobs(['active', 'waiting', 'completed']);
          const job = jobs.find((j) => j?.data.conversationId === id);
          expect(job).toBeDefined();
          return job?.data as TurnJob;
        },
        { timeout: 5_000, interval: 20 },
      );
      await queue.add('turn', original, {
        jobId: `${original.turnId}-again`,
        attempts: 6,
        backoff: { type: 'custom' },
      });
      const seen = await readTurn(response);
      expect(seen.finished).toBe(true);
      await queue.add('turn', original, { jobId: `${original.turnId}-later` });
      await vi.waitFor(async () => expect(await queue.getJobCountByTypes('waiting', 'active', 'delayed')).toBe(0), {
        timeout: 30_000,
        interval: 100,
      });
      expect(p.modelRequests.length - before).toBe(perTurn);
      expect(await storedAnswer(apiA.url, id, alice)).toBe(seen.text);
      const duplicates = (await Promise.all(workers.map((w) => jobsDone(w, 'already-finished')))).reduce(
        (a, b) => a + b,
      );
      expect(duplicates).toBeGreaterThanOrEqual(2);
    } finally {
      await queue.close();
    }
  }, 90_000);

  it('runs both roles in one process with REDIS_URL (npm start -w apps/host), turns still through the queue', async () => {
    const prefix = uniquePrefix();
    const both = await p.host('all', { REDIS_KEY_PREFIX: prefix });
    const queue = new Queue<TurnJob>(TURN_QUEUE, { connection: { url: p.redisUrl }, prefix: `${prefix}:bull` });
    try {
      const seen = await readTurn(
        await postChat({ baseUrl: both.url, conversationId: newId(), token: alice, text: TRACK }),
      );
      expect(seen.finished).toBe(true);
      expect(seen.text).toContain('A-1042');
      // The queue's event log (kept after the job itself is removed) shows the turn was queued and taken by a
      // worker; both happen before the worker writes the answer just read, so no wait is needed.
      const events = (await p.redis.xrange(queue.toKey('events'), '-', '+')).map(([, fields]) => {
        const entry = new Map<string, string>();
        for (let i = 0; i + 1 < fields.length; i += 2) entry.set(fields[i] as string, fields[i + 1] as string);
        return [entry.get('event'), entry.get('jobId')];
      });
      const added = events.filter(([event]) => event === 'added');
      expect(added).toHaveLength(1);
      expect(events).toContainEqual(['active', added[0]?.[1]]);
    } finally {
      await queue.close();
      await both.stop();
    }
  }, 60_000);

  it('holds the LLM rate limit across two workers', async () => {
    const limited = {
      REDIS_KEY_PREFIX: uniquePrefix(),
      LLM_RATE_LIMIT_REQUESTS: '3',
      LLM_RATE_LIMIT_WINDOW_MS: '1000',
      WORKER_CONCURRENCY: '10',
    };
    const hosts = await Promise.all([p.host('api', limited), p.host('worker', limited), p.host('worker', limited)]);
    const [api, ...limitedWorkers] = hosts;
    try {
      const start = p.modelRequests.length;
      // Small talk: one model call per turn, no tools.
      const turns = await Promise.all(
        Array.from({ length: 12 }, async (_, i) =>
          readTurn(
            await postChat({
              baseUrl: api.url,
              conversationId: newId(),
              // Two customers: each may hold at most 8 open streams per API process (decision 0021).
              token: i % 2 === 0 ? alice : bob,
              text: `Hello there, number ${i}!`,
            }),
          ),
        ),
      );
      expect(turns.every((t) => t.finished)).toBe(true);
      const times = p.modelRequests.slice(start).sort((a, b) => a - b);
      expect(times).toHaveLength(12);
      // A fixed window of 3 a second: never more than 3 in a window, so at most 6 in any second across a
      // window boundary, and 12 calls need at least three windows after the first.
      for (const t of times) expect(times.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(6);
      expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2_000);
      // Both workers took turns: the limit is shared, not per process.
      for (const worker of limitedWorkers) expect(await jobsDone(worker, 'ran')).toBeGreaterThan(0);
    } finally {
      await Promise.all(hosts.map((h) => h.stop()));
    }
  }, 90_000);
});

/** Cuts every client connection to the suite's Redis database except the test's own. */
async function killClients(p: ScaleOutProduct): Promise<number> {
  const own = await p.redis.client('ID');
  const list = (await p.redis.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` db=${9} `))
    .map((line) => /id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined && Number(id) !== Number(own));
  for (const id of ids) await p.redis.client('KILL', 'ID', id);
  return ids.length;
}

/** Posts a message and reads its turn; `textSeen` resolves at the answer's first text. */
async function askAndRead(baseUrl: string, conversationId: string, token: string, text: string) {
  let sawText!: () => void;
  const textSeen = new Promise<void>((resolve) => {
    sawText = resolve;
  });
  const reading = readTurn(await postChat({ baseUrl, conversationId, token, text }), (chunk) => {
    if (chunk.type === 'text-delta') sawText();
  });
  return { reading, textSeen };
}
