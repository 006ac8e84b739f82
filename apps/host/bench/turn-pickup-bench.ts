// `node apps/host/bench/turn-pickup-bench.ts`: how long a burst of turn jobs waits to be picked up by one worker
// process, with its turns in one BullMQ consumer (as before decision 0033) and shared among several, in
// interleaved rounds. Only the queue: each job's processor waits until every job of the burst has started (a turn
// lasts far longer than the burst's pickup), so the figure is BullMQ's pickup alone, with the worker's own
// settings (turn-worker.ts). Uses the test Redis under a prefix of its own, removed afterwards.
import { dropPrefix, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { consumerShares, TURN_WORKER_DEFAULTS } from '../src/turn/turn-worker.ts';
import { percentile } from './proc-stats.ts';

const jobs = Number(process.env.BENCH_JOBS ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const variants = (process.env.BENCH_CONSUMERS ?? `1,${TURN_WORKER_DEFAULTS.consumers}`).split(',').map(Number);

interface PickupRound {
  consumers: number;
  /** From `queue.add` to the processor's start, ms. */
  pickup: { p50: number; p99: number; max: number };
  /** From BullMQ marking the job active (`processedOn`) to the processor's start: jobs a consumer fetched but held. */
  heldAfterFetch: { p50: number; p99: number };
  /** This process's CPU (queue side and worker side) for the burst, ms. */
  cpuMs: number;
}

async function burst(consumers: number): Promise<PickupRound> {
  const prefix = `${uniquePrefix()}:bull`;
  const producer = new Redis(TEST_REDIS_URL);
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-turns', { connection: producer, prefix });
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const pickups: number[] = [];
  const held: number[] = [];
  const process_ = async (job: { data: { queuedAt: number }; processedOn?: number | undefined }) => {
    const now = Date.now();
    pickups.push(now - job.data.queuedAt);
    held.push(now - (job.processedOn ?? now));
    if (pickups.length === jobs) release();
    await released;
  };
  const workers = consumerShares(jobs, consumers).map(
    (concurrency, index) =>
      new Worker('bench-turns', process_, {
        connection,
        prefix,
        concurrency,
        lockDuration: TURN_WORKER_DEFAULTS.lockDurationMs,
        stalledInterval: TURN_WORKER_DEFAULTS.stalledIntervalMs,
        skipStalledCheck: index > 0,
      }),
  );
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cpuBefore = process.cpuUsage();
  // The API replica's burst: every job added at once, each its own `queue.add` as queued-turns.ts does.
  await Promise.all(
    Array.from({ length: jobs }, (_, i) =>
      queue.add('turn', { queuedAt: Date.now() }, { jobId: `t${i}`, removeOnComplete: true }),
    ),
  );
  await released;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(workers.map((worker) => worker.close()));
  await queue.close();
  producer.disconnect();
  connection.disconnect();
  await dropPrefix(prefix.replace(/:bull$/, ''));
  return {
    consumers,
    pickup: { p50: percentile(pickups, 0.5), p99: percentile(pickups, 0.99), max: Math.max(...pickups) },
    heldAfterFetch: { p50: percentile(held, 0.5), p99: percentile(held, 0.99) },
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const results: PickupRound[] = [];
for (let round = 0; round < rounds; round++) {
  for (const consumers of variants) results.push(await burst(consumers));
}
console.log(JSON.stringify({ jobs, rounds, results }, null, 1));
