import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CUSTOMER_TOKEN_META_KEY } from '@shopchat/mcp-service';
import { startProductProcesses } from '@shopchat/product-harness';
import { latency, throughput } from '../../../packages/mcp-service/bench/tools-call-bench.ts';

const BENCH_TARGET = fileURLToPath(new URL('../../../packages/mcp-service/bench/bench-target.ts', import.meta.url));
const SECONDS = 4;

export interface ServerToolCallFigures {
  server: string;
  tool: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface McpServersBenchResult {
  servers: ServerToolCallFigures[];
  /** The bare express endpoint of the kit's bench, measured in the same run. */
  bare: { requestsPerSecond: number; p50Ms: number; p99Ms: number };
}

/**
 * `tools/call` of each real MCP server (its own process, embedded database, a representative read of
 * each) beside a bare express endpoint, in one run: what a tool call costs each server end to end.
 */
export async function measureMcpServers(): Promise<McpServersBenchResult> {
  const product = await startProductProcesses();
  const target = fork(BENCH_TARGET, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const [{ port }] = (await once(target, 'message')) as [{ port: number }];
    const bareUrl = `http://127.0.0.1:${port}/bare`;
    const bareBody = JSON.stringify({ text: 'hello' });
    const calls = [
      {
        server: 'orders' as const,
        tool: 'get_order',
        args: { order_number: 'A-1042' },
        meta: { [CUSTOMER_TOKEN_META_KEY]: await product.identity.sign('cust_alice', 'orders') },
      },
      { server: 'products' as const, tool: 'search_products', args: { query: 'waterproof hiking boots' }, meta: {} },
      { server: 'docs' as const, tool: 'search_docs', args: { query: 'return a gift without the receipt' }, meta: {} },
    ];
    const servers: ServerToolCallFigures[] = [];
    await throughput(bareUrl, bareBody, 1);
    const bareRuns: number[] = [];
    for (const call of calls) {
      const url = `http://127.0.0.1:${product.ports[call.server]}/mcp`;
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: call.tool, arguments: call.args, _meta: call.meta },
      });
      const probe = (await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body,
        })
      ).json()) as { result?: { isError?: boolean } };
      if (!probe.result || probe.result.isError)
        throw new Error(`${call.server} ${call.tool}: ${JSON.stringify(probe)}`);
      await throughput(url, body, 1);
      // Alternating with the baseline, so drift in machine load hits both alike.
      bareRuns.push(await throughput(bareUrl, bareBody, SECONDS));
      const requestsPerSecond = await throughput(url, body, SECONDS);
      servers.push({ server: call.server, tool: call.tool, requestsPerSecond, ...(await latency(url, body)) });
    }
    const bare = {
      requestsPerSecond: bareRuns.sort((a, b) => a - b)[1] ?? Number.NaN,
      ...(await latency(bareUrl, bareBody)),
    };
    return { servers, bare };
  } finally {
    target.kill();
    await product.stop();
  }
}
