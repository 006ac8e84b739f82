import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CUSTOMER_TOKEN_META_KEY } from '@shopchat/mcp-service';
import { type ServiceName, startProductProcesses } from '@shopchat/product-harness';
import autocannon from 'autocannon';
import pg from 'pg';

const BENCH_TARGET = fileURLToPath(new URL('../../../packages/mcp-service/bench/bench-target.ts', import.meta.url));
/** Concurrent keep-alive connections: the load the servers' goals are stated at (p99 under 10 ms). */
export const SERVER_BENCH_CONNECTIONS = 16;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
export const SERVICES = ['orders', 'products', 'docs'] as const satisfies readonly ServiceName[];

export type BenchEngine = 'pglite' | 'postgresql';

export interface ServerToolCallFigures {
  server: string;
  tool: string;
  engine: BenchEngine;
  requestsPerSecond: number;
  /** Under load (16 connections), median over rounds. */
  p50Ms: number;
  p99Ms: number;
  /** Server req/s ÷ bare express req/s of the round just before, median over rounds. */
  ratio: number;
}

export interface McpServersBenchResult {
  servers: ServerToolCallFigures[];
  /** The bare express endpoint of the kit's bench, measured between the servers' rounds. */
  bare: { requestsPerSecond: number; p50Ms: number; p99Ms: number };
}

export interface McpServersBenchOptions {
  engines?: readonly BenchEngine[];
  /** Only these servers' calls (all three when unset), e.g. to bench one server while changing it. */
  servers?: readonly ServiceName[];
  /** Rounds per server, each a bare express run then a server run. */
  rounds?: number;
  seconds?: number;
  /** PostgreSQL to create the bench's own databases in (dropped afterwards). */
  databaseUrl?: string;
}

interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `tools/call` of each real MCP server (its own process, a representative read of each) beside a bare
 * express endpoint, in one run, on embedded PGlite and on PostgreSQL (a fresh database per server, dropped
 * afterwards). Rounds alternate with the baseline, so drift in machine load hits both alike.
 */
export async function measureMcpServers(options: McpServersBenchOptions = {}): Promise<McpServersBenchResult> {
  const engines = options.engines ?? ['pglite', 'postgresql'];
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 4;
  const adminUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const target = fork(BENCH_TARGET, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const servers: ServerToolCallFigures[] = [];
  const bareRuns: LoadFigures[] = [];
  try {
    const [{ port }] = (await once(target, 'message')) as [{ port: number }];
    const bareUrl = `http://127.0.0.1:${port}/bare`;
    const bareBody = JSON.stringify({ text: 'hello' });
    await load(bareUrl, bareBody, 1);
    for (const engine of engines) {
      const databases = engine === 'postgresql' ? await createDatabases(adminUrl) : undefined;
      const product = await startProductProcesses(databases ? { serviceEnv: databaseEnv(databases.urls) } : {});
      try {
        const calls = await benchCalls(product.identity);
        for (const call of calls.filter((each) => !options.servers || options.servers.includes(each.server))) {
          const url = `http://127.0.0.1:${product.ports[call.server]}/mcp`;
          const body = JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: call.tool, arguments: call.args, _meta: call.meta },
          });
          await probe(url, body, call.server);
          await load(url, body, 1);
          const runs: LoadFigures[] = [];
          const ratios: number[] = [];
          for (let round = 0; round < rounds; round++) {
            const bare = await load(bareUrl, bareBody, seconds);
            const server = await load(url, body, seconds);
            bareRuns.push(bare);
            runs.push(server);
            ratios.push(server.requestsPerSecond / bare.requestsPerSecond);
          }
          servers.push({
            server: call.server,
            tool: call.tool,
            engine,
            requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
            p50Ms: median(runs.map((run) => run.p50Ms)),
            p99Ms: median(runs.map((run) => run.p99Ms)),
            ratio: median(ratios),
          });
        }
      } finally {
        await product.stop();
        await databases?.drop();
      }
    }
    return {
      servers,
      bare: {
        requestsPerSecond: median(bareRuns.map((run) => run.requestsPerSecond)),
        p50Ms: median(bareRuns.map((run) => run.p50Ms)),
        p99Ms: median(bareRuns.map((run) => run.p99Ms)),
      },
    };
  } finally {
    target.kill();
  }
}

async function benchCalls(identity: { sign(customerId: string, audience: string): Promise<string> }) {
  return [
    {
      server: 'orders' as const,
      tool: 'get_order',
      args: { order_number: 'A-1042' },
      meta: { [CUSTOMER_TOKEN_META_KEY]: await identity.sign('cust_alice', 'orders') },
    },
    { server: 'products' as const, tool: 'search_products', args: { query: 'waterproof hiking boots' }, meta: {} },
    { server: 'docs' as const, tool: 'search_docs', args: { query: 'return a gift without the receipt' }, meta: {} },
  ];
}

async function probe(url: string, body: string, server: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body });
  const answer = (await response.json()) as { result?: { isError?: boolean } };
  if (!answer.result || answer.result.isError) throw new Error(`${server}: ${JSON.stringify(answer)}`);
}

/** Requests per second and latency percentiles of POSTing `body` over `seconds`; any non-2xx throws. */
async function load(url: string, body: string, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: HEADERS,
    body,
    connections: SERVER_BENCH_CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the benchmark`);
  }
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** One fresh database per server on the PostgreSQL at `adminUrl`, and a way to drop them all. */
async function createDatabases(adminUrl: string) {
  const run = randomBytes(4).toString('hex');
  const names = Object.fromEntries(SERVICES.map((name) => [name, `bench_${run}_${name}`])) as Record<
    ServiceName,
    string
  >;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const urls = Object.fromEntries(
    SERVICES.map((service) => {
      const url = new URL(adminUrl);
      url.pathname = `/${names[service]}`;
      return [service, url.toString()];
    }),
  ) as Record<ServiceName, string>;
  return {
    urls,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of Object.values(names)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function databaseEnv(urls: Record<ServiceName, string>): Record<ServiceName, Record<string, string>> {
  const env = (service: ServiceName) => ({ DATABASE_URL: urls[service], SEED_DEMO_DATA: 'true' });
  return { orders: env('orders'), products: env('products'), docs: env('docs') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
