import {
  type HostProcessRole,
  type ProductProcesses,
  type RunningHostProcess,
  startProductProcesses,
  testRedisDatabaseUrl,
  uniquePrefix,
} from '@shopchat/product-harness';
import { Redis } from 'ioredis';

/** The Redis database of the scale-out suites: their own, flushed before and after. */
export const SCALE_OUT_REDIS_DB = 9;

export interface ScaleOutProduct {
  product: ProductProcesses;
  redisUrl: string;
  prefix: string;
  /** A connection of the test's own to the suite's database. */
  redis: Redis;
  /** Model requests model-sim has received, with the time each arrived. */
  modelRequests: number[];
  host(role: HostProcessRole, env?: Record<string, string>): Promise<RunningHostProcess>;
  close(): Promise<void>;
}

/**
 * The three MCP servers and model-sim as processes, and host API and worker processes on demand, all
 * sharing one Redis database under one prefix, as replicas of a deployment do.
 */
export async function startScaleOutProduct(sim: { ttftMs: number; tokensPerSecond: number }): Promise<ScaleOutProduct> {
  const redisUrl = testRedisDatabaseUrl(SCALE_OUT_REDIS_DB);
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  const product = await startProductProcesses({ sim });
  const modelRequests: number[] = [];
  product.sim.http.on('request', (req) => {
    if (req.method === 'POST' && req.url?.startsWith('/v1/messages')) modelRequests.push(Date.now());
  });
  const prefix = uniquePrefix();
  return {
    product,
    redisUrl,
    prefix,
    redis,
    modelRequests,
    host: (role, env = {}) =>
      product.startHost(
        {
          REDIS_URL: redisUrl,
          REDIS_KEY_PREFIX: prefix,
          LOG_LEVEL: 'silent',
          ...env,
        },
        role,
      ),
    async close() {
      await product.stop();
      await redis.flushdb();
      redis.disconnect();
    },
  };
}

/** Turns a host worker process runs now, from its own metrics. */
export async function runningTurns(worker: RunningHostProcess): Promise<number> {
  const metrics = await (await fetch(`${worker.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith('host_worker_running_turns'));
  return Number(line?.split(' ').at(-1) ?? 0);
}

/** Turn jobs a worker finished with `outcome`, from its own metrics. */
export async function jobsDone(worker: RunningHostProcess, outcome: string): Promise<number> {
  const metrics = await (await fetch(`${worker.url}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('host_turn_jobs_total') && l.includes(`outcome="${outcome}"`));
  return Number(line?.split(' ').at(-1) ?? 0);
}
