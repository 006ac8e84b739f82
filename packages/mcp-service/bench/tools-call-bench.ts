import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** Result of one endpoint's run. */
export interface EndpointFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ToolsCallBenchResult {
  mcp: EndpointFigures;
  bare: EndpointFigures;
  /** MCP throughput as a share of the bare endpoint's, median over rounds. */
  throughputRatio: number;
}

const CONNECTIONS = 10;
const ROUND_SECONDS = 4;
const ROUNDS = 5;
/** Sequential requests on one keep-alive connection for the latency percentiles (sub-millisecond resolution). */
const LATENCY_SAMPLES = 3000;

const MCP_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text: 'hello' } },
});
const BARE_BODY = JSON.stringify({ text: 'hello' });
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/**
 * `tools/call` of a trivial tool through the kit vs a bare express endpoint doing the same work, in one
 * run on one machine. Rounds alternate between the two so drift in machine load hits both alike.
 */
export async function runToolsCallBench(log: (line: string) => void = () => {}): Promise<ToolsCallBenchResult> {
  const child = fork(fileURLToPath(new URL('./bench-target.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [{ port }] = (await once(child, 'message')) as [{ port: number }];
    const base = `http://127.0.0.1:${port}`;
    await throughput(`${base}/mcp`, MCP_BODY, 1); // warm-up: JIT and connection pools
    await throughput(`${base}/bare`, BARE_BODY, 1);
    const ratios: number[] = [];
    const mcpRuns: number[] = [];
    const bareRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await throughput(`${base}/bare`, BARE_BODY, ROUND_SECONDS);
      const mcp = await throughput(`${base}/mcp`, MCP_BODY, ROUND_SECONDS);
      bareRuns.push(bare);
      mcpRuns.push(mcp);
      ratios.push(mcp / bare);
      log(
        `  round ${round + 1}: mcp ${mcp.toFixed(0)} req/s, bare ${bare.toFixed(0)} req/s, ratio ${(mcp / bare).toFixed(2)}`,
      );
    }
    const mcpLatency = await latency(`${base}/mcp`, MCP_BODY);
    const bareLatency = await latency(`${base}/bare`, BARE_BODY);
    return {
      mcp: { requestsPerSecond: median(mcpRuns), ...mcpLatency },
      bare: { requestsPerSecond: median(bareRuns), ...bareLatency },
      throughputRatio: median(ratios),
    };
  } finally {
    child.kill();
  }
}

/** Mean requests per second of POSTing `body` to `url` over `seconds`, 10 connections; any non-2xx throws. */
export async function throughput(url: string, body: string, seconds: number): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: HEADERS,
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the benchmark`);
  }
  return result.requests.average;
}

/** p50 and p99 of sequential requests on one keep-alive connection, in ms. */
export async function latency(url: string, body: string): Promise<{ p50Ms: number; p99Ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: HEADERS, body });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
