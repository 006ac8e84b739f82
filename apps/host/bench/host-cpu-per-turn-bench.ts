import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type RunningHostProcess,
  startProductProcesses,
  testRedisDatabaseUrl,
  uniquePrefix,
} from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { postChat, readTurn } from '../test/scale-out/support/raw-turn-stream.ts';
import { cpuOf, percentile } from './proc-stats.ts';
import { startModelSimProcess } from './start-model-sim-process.ts';

const BENCH_REDIS_DB = 11;
/** The question of issue 17: one search_products call, then an answer of about 200 text deltas. */
const QUESTION = 'Do you have waterproof hiking boots?';

export interface HostCpuPerTurnOptions {
  /** Rounds; each runs `turnsPerRound` turns against every variant in turn, so drift hits them alike. */
  rounds: number;
  turnsPerRound: number;
  /** Turns at once within a round. */
  concurrency: number;
  /** The variants, by name: extra host settings each (e.g. the baseline's `TURN_TEXT_COALESCE_MS=0`). */
  variants: Record<string, Record<string, string>>;
  /**
   * Variants whose hosts run another checkout's host code (e.g. a worktree of main: the code before a
   * change, `npm ci`'d), by the checkout's root; the servers and model-sim are shared.
   */
  checkouts?: Record<string, string>;
}

export interface HostCpuPerTurn {
  /** CPU ms per turn of the all-in-one host (`npm start`), and of the API and the worker on Redis. */
  allInOneCpuMs: number;
  apiCpuMs: number;
  workerCpuMs: number;
  /** Time to the first text delta and to the end of the turn, as the client saw them (ms, all-in-one). */
  ttftP50Ms: number;
  turnP50Ms: number;
  /** SSE events (chunks) a client read per turn. */
  eventsPerTurn: number;
}

interface VariantHosts {
  name: string;
  all: RunningHostProcess;
  api: RunningHostProcess;
  worker: RunningHostProcess;
  /** CPU seconds measured so far. */
  cpu: { all: number; api: number; worker: number };
  ttfts: number[];
  turnMs: number[];
  events: number;
  turns: number;
}

/**
 * Host CPU per streamed turn, read from /proc before and after each round: the all-in-one host and a
 * scaled-out API + worker pair (Redis), one set per variant, all running at once and measured interleaved
 * against one instant model-sim process (its CPU is not counted) and the three real MCP servers.
 */
export async function measureHostCpuPerTurn(options: HostCpuPerTurnOptions): Promise<Record<string, HostCpuPerTurn>> {
  const sim = await startModelSimProcess({ ttftMs: 0, tokensPerSecond: 0 });
  const redisUrl = testRedisDatabaseUrl(BENCH_REDIS_DB);
  const product = await startProductProcesses();
  const common = { ANTHROPIC_BASE_URL: sim.url, CHAT_TURNS_PER_MINUTE: '10000', LOG_LEVEL: 'warn' };
  const redirect = `--import=${fileURLToPath(new URL('./host-code-from-checkout.ts', import.meta.url))}`;
  /** Settings of a variant's host process: its checkout's code, and a CPU profile for those that run turns. */
  const processOptions = (name: string, profiled: boolean): Record<string, string> => {
    const checkout = options.checkouts?.[name];
    const flags = [
      ...(checkout ? [redirect] : []),
      ...(profiled && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ];
    return {
      ...(checkout ? { BENCH_HOST_CHECKOUT: checkout } : {}),
      ...(flags.length > 0 ? { NODE_OPTIONS: flags.join(' ') } : {}),
    };
  };
  try {
    const sets: VariantHosts[] = [];
    for (const [name, env] of Object.entries(options.variants)) {
      const redisEnv = { ...common, ...env, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: uniquePrefix() };
      // One at a time: each opens an embedded database, and on a busy machine several at once miss the
      // harness's readiness deadline. The worker before the API: an API is ready once it lists the tools
      // the workers publish.
      const all = await product.startHost({ ...common, ...env, ...processOptions(name, true) });
      const worker = await product.startHost({ ...redisEnv, ...processOptions(name, true) }, 'worker');
      const api = await product.startHost({ ...redisEnv, ...processOptions(name, false) }, 'api');
      sets.push({
        name,
        all,
        api,
        worker,
        cpu: { all: 0, api: 0, worker: 0 },
        ttfts: [] as number[],
        turnMs: [] as number[],
        events: 0,
        turns: 0,
      });
    }
    const round = async (url: string, count: number, into?: VariantHosts) => {
      let next = 0;
      const one = async () => {
        while (next < count) {
          next++;
          const started = performance.now();
          let ttft = Number.NaN;
          const response = await postChat({
            baseUrl: url,
            conversationId: `bench-${randomUUID()}`,
            token: '',
            text: QUESTION,
          });
          const turn = await readTurn(response, (chunk) => {
            if (chunk.type === 'text-delta' && Number.isNaN(ttft)) ttft = performance.now() - started;
          });
          if (!turn.finished) throw new Error('a benchmark turn did not finish');
          if (into) {
            into.ttfts.push(ttft);
            into.turnMs.push(performance.now() - started);
            into.events += turn.chunks.length;
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, one));
    };
    for (const set of sets) {
      await round(set.all.url, options.concurrency * 2);
      await round(set.api.url, options.concurrency * 2);
    }
    for (let r = 0; r < options.rounds; r++) {
      for (const set of sets) {
        const pids = { all: set.all.pid, api: set.api.pid, worker: set.worker.pid };
        const before = await cpuOf(pids);
        await round(set.all.url, options.turnsPerRound, set);
        const middle = await cpuOf(pids);
        await round(set.api.url, options.turnsPerRound);
        const after = await cpuOf(pids);
        set.cpu.all += middle.all - before.all;
        set.cpu.api += after.api - middle.api;
        set.cpu.worker += after.worker - middle.worker;
        set.turns += options.turnsPerRound;
      }
    }
    await Promise.all(sets.flatMap((set) => [set.all.stop(), set.api.stop(), set.worker.stop()]));
    return Object.fromEntries(
      sets.map((set) => [
        set.name,
        {
          allInOneCpuMs: (set.cpu.all * 1000) / set.turns,
          apiCpuMs: (set.cpu.api * 1000) / set.turns,
          workerCpuMs: (set.cpu.worker * 1000) / set.turns,
          ttftP50Ms: percentile(set.ttfts, 0.5),
          turnP50Ms: percentile(set.turnMs, 0.5),
          eventsPerTurn: set.events / set.turns,
        },
      ]),
    );
  } finally {
    await product.stop();
    await sim.stop();
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();
  }
}
