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
  /** The 2025-11-25 revision (session-less `tools/call`, no envelope). */
  mcp: EndpointFigures;
  /** The 2026-07-28 revision (per-request `_meta` envelope and standard headers). */
  modern: EndpointFigures;
  bare: EndpointFigures;
  /** 2025-11-25 throughput as a share of the bare endpoint's, median over rounds. */
  throughputRatio: number;
  /** 2026-07-28 throughput as a share of the bare endpoint's, median over rounds. */
  modernThroughputRatio: number;
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
/** What the official v2 client sends for the same call on 2026-07-28: the envelope in `_meta`, headers mirrored. */
const MODERN_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: {
    name: 'echo',
    arguments: { text: 'hello' },
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});
const BARE_BODY = JSON.stringify({ text: 'hello' });
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const MODERN_HEADERS = {
  ...HEADERS,
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'echo',
};

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
    await throughput(`${base}/mcp`, MODERN_BODY, 1, MODERN_HEADERS);
    await throughput(`${base}/bare`, BARE_BODY, 1);
    const ratios: number[] = [];
    const modernRatios: number[] = [];
    const mcpRuns: number[] = [];
    const modernRuns: number[] = [];
    const bareRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await throughput(`${base}/bare`, BARE_BODY, ROUND_SECONDS);
      const mcp = await throughput(`${base}/mcp`, MCP_BODY, ROUND_SECONDS);
      const modern = await throughput(`${base}/mcp`, MODERN_BODY, ROUND_SECONDS, MODERN_HEADERS);
      bareRuns.push(bare);
      mcpRuns.push(mcp);
      modernRuns.push(modern);
      ratios.push(mcp / bare);
      modernRatios.push(modern / bare);
      log(
        `  round ${round + 1}: 2025-11-25 ${mcp.toFixed(0)} req/s, 2026-07-28 ${modern.toFixed(0)} req/s, bare ${bare.toFixed(0)} req/s, ratios ${(mcp / bare).toFixed(2)} / ${(modern / bare).toFixed(2)}`,
      );
    }
    const mcpLatency = await latency(`${base}/mcp`, MCP_BODY);
    const modernLatency = await latency(`${base}/mcp`, MODERN_BODY, MODERN_HEADERS);
    const bareLatency = await latency(`${base}/bare`, BARE_BODY);
    return {
      mcp: { requestsPerSecond: median(mcpRuns), ...mcpLatency },
      modern: { requestsPerSecond: median(modernRuns), ...modernLatency },
      bare: { requestsPerSecond: median(bareRuns), ...bareLatency },
      throughputRatio: median(ratios),
      modernThroughputRatio: median(modernRatios),
    };
  } finally {
    child.kill();
  }
}

/** Mean requests per second of POSTing `body` to `url` over `seconds`, 10 connections; any non-2xx throws. */
export async function throughput(
  url: string,
  body: string,
  seconds: number,
  headers: Record<string, string> = HEADERS,
): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
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
export async function latency(
  url: string,
  body: string,
  headers: Record<string, string> = HEADERS,
): Promise<{ p50Ms: number; p99Ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers, body });
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
