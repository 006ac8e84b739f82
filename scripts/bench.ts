// `npm run bench`: runs every benchmark of the repo in one process, prints one table and writes it as
// JSON (bench-results/latest.json) so runs can be compared.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { measureAgentReplyLatency } from '../apps/host/bench/agent-reply-bench.ts';
import { measureConcurrentChats } from '../apps/host/bench/concurrent-chats-bench.ts';
import { measureHostCpuPerTurn } from '../apps/host/bench/host-cpu-per-turn-bench.ts';
import { measureHostOverhead } from '../apps/host/bench/host-overhead-bench.ts';
import { measureMcpServers } from '../apps/host/bench/mcp-servers-bench.ts';
import { measureRecordQueries } from '../apps/host/bench/record-queries-bench.ts';
import { measureRecordWrites } from '../apps/host/bench/record-writes-bench.ts';
import { runToolsCallBench } from '../packages/mcp-service/bench/tools-call-bench.ts';
import { measureHelpCenterQuality } from '../services/docs/bench/help-center-quality.ts';
import { measureScifact } from '../services/docs/bench/scifact-quality.ts';
import { measureProductSearchQuality } from '../services/products/bench/search-quality.ts';

interface Row {
  area: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
}

const rows: Row[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

log('MCP tools/call vs bare express (trivial tool, loopback, 10 connections)…');
const tools = await runToolsCallBench(log);
rows.push(
  {
    area: 'mcp-service',
    metric: 'tools/call throughput, MCP 2025-11-25 (req/s)',
    value: tools.mcp.requestsPerSecond.toFixed(0),
    baseline: `${tools.bare.requestsPerSecond.toFixed(0)} bare express`,
    ratio: tools.throughputRatio.toFixed(2),
  },
  {
    area: 'mcp-service',
    metric: 'tools/call throughput, MCP 2026-07-28 (req/s)',
    value: tools.modern.requestsPerSecond.toFixed(0),
    baseline: `${tools.bare.requestsPerSecond.toFixed(0)} bare express`,
    ratio: tools.modernThroughputRatio.toFixed(2),
  },
  {
    area: 'mcp-service',
    metric: 'tools/call latency p50 / p99, MCP 2025-11-25 (ms, sequential)',
    value: `${tools.mcp.p50Ms.toFixed(3)} / ${tools.mcp.p99Ms.toFixed(3)}`,
    baseline: `${tools.bare.p50Ms.toFixed(3)} / ${tools.bare.p99Ms.toFixed(3)} bare express`,
    ratio: (tools.mcp.p50Ms / tools.bare.p50Ms).toFixed(2),
  },
  {
    area: 'mcp-service',
    metric: 'tools/call latency p50 / p99, MCP 2026-07-28 (ms, sequential)',
    value: `${tools.modern.p50Ms.toFixed(3)} / ${tools.modern.p99Ms.toFixed(3)}`,
    baseline: `${tools.bare.p50Ms.toFixed(3)} / ${tools.bare.p99Ms.toFixed(3)} bare express`,
    ratio: (tools.modern.p50Ms / tools.bare.p50Ms).toFixed(2),
  },
);

log('tools/call of each MCP server (its own process; PGlite, then PostgreSQL) vs bare express, 16 connections…');
const mcpServers = await measureMcpServers();
for (const server of mcpServers.servers) {
  rows.push({
    area: 'mcp',
    metric: `${server.server} ${server.tool} on ${server.engine}: req/s, p50 / p99 at 16 connections (ms)`,
    value: `${server.requestsPerSecond.toFixed(0)}, ${server.p50Ms.toFixed(1)} / ${server.p99Ms.toFixed(1)}`,
    baseline: `bare express ${mcpServers.bare.requestsPerSecond.toFixed(0)}; goal ≥ ${server.engine === 'postgresql' ? '0.25' : '0.10'}, p99 < 10 ms`,
    ratio: server.ratio.toFixed(3),
  });
}

// The baseline of the host rows, run side by side: every text delta written on its own, as before 0028.
const EVERY_DELTA = { TURN_TEXT_COALESCE_MS: '0' };
const ratio = (value: number, baseline: number) => (value / baseline).toFixed(2);

log('Host CPU per streamed turn (search + ~200 text deltas, instant model), baseline and coalesced interleaved…');
// `BENCH_BASELINE_CHECKOUT=<root of another checkout, npm ci'd>` adds that checkout's host (e.g. main before a
// change) as a third variant in the same interleaved rounds.
const baselineCheckout = process.env.BENCH_BASELINE_CHECKOUT;
const hostCpu = await measureHostCpuPerTurn({
  rounds: 4,
  turnsPerRound: 30,
  concurrency: 6,
  variants: { baseline: EVERY_DELTA, coalesced: {}, ...(baselineCheckout ? { checkout: {} } : {}) },
  ...(baselineCheckout ? { checkouts: { checkout: baselineCheckout } } : {}),
});
{
  const { baseline: before, coalesced: after } = hostCpu as Record<'baseline' | 'coalesced', (typeof hostCpu)[string]>;
  rows.push(
    {
      area: 'host',
      metric: 'CPU per streamed turn, all-in-one host (ms)',
      value: after.allInOneCpuMs.toFixed(1),
      baseline: `${before.allInOneCpuMs.toFixed(1)} every delta written; goal ≤ 30`,
      ratio: ratio(after.allInOneCpuMs, before.allInOneCpuMs),
    },
    {
      area: 'host',
      metric: 'CPU per streamed turn, API + worker on Redis (ms)',
      value: `${(after.apiCpuMs + after.workerCpuMs).toFixed(1)} (${after.apiCpuMs.toFixed(1)} + ${after.workerCpuMs.toFixed(1)})`,
      baseline: `${(before.apiCpuMs + before.workerCpuMs).toFixed(1)} (${before.apiCpuMs.toFixed(1)} + ${before.workerCpuMs.toFixed(1)}) every delta written; goal ÷4`,
      ratio: ratio(after.apiCpuMs + after.workerCpuMs, before.apiCpuMs + before.workerCpuMs),
    },
    {
      area: 'host',
      metric: 'streamed turn: SSE events per turn; TTFT p50 (ms, 6 at once)',
      value: `${after.eventsPerTurn.toFixed(0)}; ${after.ttftP50Ms.toFixed(0)}`,
      baseline: `${before.eventsPerTurn.toFixed(0)}; ${before.ttftP50Ms.toFixed(0)} every delta written`,
      ratio: ratio(after.ttftP50Ms, before.ttftP50Ms),
    },
  );
  const checkout = hostCpu.checkout;
  if (baselineCheckout && checkout) {
    rows.push({
      area: 'host',
      metric: 'CPU per streamed turn vs another checkout: all-in-one; API + worker (ms)',
      value: `${after.allInOneCpuMs.toFixed(1)}; ${(after.apiCpuMs + after.workerCpuMs).toFixed(1)}`,
      baseline: `${checkout.allInOneCpuMs.toFixed(1)}; ${(checkout.apiCpuMs + checkout.workerCpuMs).toFixed(1)} at ${baselineCheckout}`,
      ratio: `${ratio(after.allInOneCpuMs, checkout.allInOneCpuMs)}; ${ratio(after.apiCpuMs + after.workerCpuMs, checkout.apiCpuMs + checkout.workerCpuMs)}`,
    });
  }
}

log('Host overhead per chat turn (real servers, model-sim as its own process)…');
const instantBaseline = await measureHostOverhead({ turns: 45, ttftMs: 0, tokensPerSecond: 0, hostEnv: EVERY_DELTA });
const instant = await measureHostOverhead({ turns: 45, ttftMs: 0, tokensPerSecond: 0 });
const paced = await measureHostOverhead({ turns: 9, ttftMs: 600, tokensPerSecond: 50 });
for (const [label, run, before] of [
  ['instant model', instant, instantBaseline],
  ['model at 600 ms TTFT, 50 tok/s', paced, undefined],
] as const) {
  rows.push({
    area: 'host',
    metric: `overhead per turn, ${label} (ms)`,
    value: run.overheadMs.toFixed(1),
    baseline: `turn ${run.turnMs.toFixed(1)} = model ${run.modelMs.toFixed(1)} + tools ${run.toolMs.toFixed(1)} + host${before ? `; every delta written ${before.overheadMs.toFixed(1)}; goal ≤ 5` : ''}`,
    ratio: before
      ? `${ratio(run.overheadMs, before.overheadMs)} (${(run.overheadShare * 100).toFixed(1)}% of the turn)`
      : `${(run.overheadShare * 100).toFixed(1)}%`,
  });
}
rows.push({
  area: 'host',
  metric: 'prompt cache: input tokens read from cache, turns 2–3',
  value: `${(instant.cacheReadShare * 100).toFixed(1)}%`,
  baseline: `${instant.cachedInputTokensPerTurn.toFixed(0)} cached vs ${instant.uncachedInputTokensPerTurn.toFixed(0)} uncached per turn`,
  ratio: '',
});

log('Concurrent streaming chats: one API replica and one worker on Redis, model at 600 ms TTFT, 50 tok/s…');
const concurrent = [];
for (const chats of [200, 1_000]) {
  const before = await measureConcurrentChats({ chats, ttftMs: 600, tokensPerSecond: 50, hostEnv: EVERY_DELTA });
  const run = await measureConcurrentChats({ chats, ttftMs: 600, tokensPerSecond: 50 });
  concurrent.push({ baseline: before, coalesced: run });
  const added = (r: typeof run) => ({ p50: r.hostTtft.p50 - r.directTtft.p50, p99: r.hostTtft.p99 - r.directTtft.p99 });
  const cpuPerTurnMs = (r: typeof run) => ((r.cpuSeconds.api + r.cpuSeconds.worker) * 1000) / chats;
  rows.push(
    {
      area: 'scale-out',
      metric: `${chats} chats: time to first token added by the host, p50 / p99 (ms)`,
      value: `${added(run).p50.toFixed(0)} / ${added(run).p99.toFixed(0)}`,
      baseline: `every delta written ${added(before).p50.toFixed(0)} / ${added(before).p99.toFixed(0)}; through host ${run.hostTtft.p50.toFixed(0)} / ${run.hostTtft.p99.toFixed(0)}, model-sim direct ${run.directTtft.p50.toFixed(0)} / ${run.directTtft.p99.toFixed(0)}${chats === 200 ? '; goal p99 ≤ 250' : ''}`,
      ratio: ratio(added(run).p99, added(before).p99),
    },
    {
      area: 'scale-out',
      metric: `${chats} chats: events lost / turns failed`,
      value: `${run.eventsLost} / ${run.failed}`,
      baseline: `every delta written ${before.eventsLost} / ${before.failed}; ${chats} streams compared with the stored answers`,
      ratio: '',
    },
    {
      area: 'scale-out',
      metric: `${chats} chats: CPU per turn, API + worker (ms)`,
      value: cpuPerTurnMs(run).toFixed(1),
      baseline: `every delta written ${cpuPerTurnMs(before).toFixed(1)}; API ${run.cpuSeconds.api.toFixed(1)} s, worker ${run.cpuSeconds.worker.toFixed(1)} s in ${(run.wallMs / 1000).toFixed(1)} s`,
      ratio: ratio(cpuPerTurnMs(run), cpuPerTurnMs(before)),
    },
    {
      area: 'scale-out',
      metric: `${chats} chats: peak memory API / worker / model-sim (MiB)`,
      value: `${run.memoryMiB.api.toFixed(0)} / ${run.memoryMiB.worker.toFixed(0)} / ${run.memoryMiB.modelSim.toFixed(0)}`,
      baseline: `every delta written ${before.memoryMiB.api.toFixed(0)} / ${before.memoryMiB.worker.toFixed(0)} / ${before.memoryMiB.modelSim.toFixed(0)}`,
      ratio: ratio(run.memoryMiB.api + run.memoryMiB.worker, before.memoryMiB.api + before.memoryMiB.worker),
    },
  );
}

log('Record writes at 200 concurrent chats: the record off, then on (PostgreSQL through the record queue)…');
const recordWrites = await measureRecordWrites({ chats: 200 });
{
  const { off, on } = recordWrites;
  const added = (run: typeof on) => ({
    p50: run.hostTtft.p50 - run.directTtft.p50,
    p99: run.hostTtft.p99 - run.directTtft.p99,
  });
  rows.push(
    {
      area: 'record',
      metric: '200 chats, record on: rows/s, max backlog, all on record after (s)',
      value: `${on.record.rowsPerSecond.toFixed(0)}, ${on.record.maxBacklog}, ${(on.record.drainedMs / 1000).toFixed(1)}`,
      baseline: `${on.record.rows} rows; record off: ${off.record.rows} rows`,
      ratio: '',
    },
    {
      area: 'record',
      metric: '200 chats: TTFT added by the host, record on vs off, p50 / p99 (ms)',
      value: `${added(on).p50.toFixed(0)} / ${added(on).p99.toFixed(0)}`,
      baseline: `off ${added(off).p50.toFixed(0)} / ${added(off).p99.toFixed(0)}; through host on ${on.hostTtft.p50.toFixed(0)} / ${on.hostTtft.p99.toFixed(0)}, off ${off.hostTtft.p50.toFixed(0)} / ${off.hostTtft.p99.toFixed(0)}`,
      ratio: (on.hostTtft.p50 / off.hostTtft.p50).toFixed(2),
    },
    {
      area: 'record',
      metric: '200 chats: worker CPU s, record on vs off',
      value: on.cpuSeconds.worker.toFixed(1),
      baseline: `off ${off.cpuSeconds.worker.toFixed(1)} (events lost on / off: ${on.eventsLost} / ${off.eventsLost})`,
      ratio: (on.cpuSeconds.worker / off.cpuSeconds.worker).toFixed(2),
    },
  );
}

log('Console queries on 100,000 recorded conversations (PostgreSQL), with their plans…');
const recordQueries = await measureRecordQueries();
for (const t of recordQueries.timings) {
  rows.push({
    area: 'record',
    metric: `${recordQueries.conversations} conversations, ${t.name}: p50 / p95 (ms)`,
    value: `${t.p50Ms.toFixed(1)} / ${t.p95Ms.toFixed(1)}`,
    baseline: `${recordQueries.runs} runs; plan in bench-results/latest.json`,
    ratio: '',
  });
}
for (const { name, plan } of recordQueries.plans) log(`EXPLAIN ${name}:\n${plan.map((l) => `  ${l}`).join('\n')}`);

log('Hand-off: an agent’s reply to the customer’s screen, across two API replicas vs one…');
const replies = await measureAgentReplyLatency({ replies: 100 });
rows.push({
  area: 'hand-off',
  metric: `agent reply → customer’s screen across replicas, p50 / p99 (ms, ${replies.replies} replies)`,
  value: `${replies.across.p50.toFixed(1)} / ${replies.across.p99.toFixed(1)}`,
  baseline: `same replica ${replies.same.p50.toFixed(1)} / ${replies.same.p99.toFixed(1)}; CPU s API ${replies.cpuSeconds.apiA.toFixed(2)} + ${replies.cpuSeconds.apiB.toFixed(2)}`,
  ratio: (replies.across.p50 / replies.same.p50).toFixed(2),
});

log('1,000 concurrent chats while the orders server restarts and Redis drops all connections, then pauses 3 s…');
const chaos = await measureConcurrentChats({ chats: 1_000, ttftMs: 600, tokensPerSecond: 50, chaos: true });
rows.push({
  area: 'scale-out',
  metric: '1000 chats under restarts: answered / cleanly failed / failed / events lost',
  value: `${chaos.answered} / ${chaos.cleanlyFailed} / ${chaos.failed} / ${chaos.eventsLost}`,
  baseline: `half of them call the orders server; all done in ${(chaos.wallMs / 1000).toFixed(1)} s`,
  ratio: '',
});

log('Product search over the shop’s labelled queries…');
const products = await measureProductSearchQuality();
rows.push({
  area: 'products',
  metric: `product search nDCG@10 (${products.queries} labelled queries)`,
  value: products.ndcgAt10.toFixed(3),
  baseline: `p95 ${products.p95Ms.toFixed(1)} ms per search (SQL filters + ranking)`,
  ratio: '',
});

log('Help-center search over the shop’s labelled questions…');
const helpCenter = await measureHelpCenterQuality();
rows.push({
  area: 'docs',
  metric: `help-center nDCG@10 (${helpCenter.questions} labelled questions)`,
  value: helpCenter.ndcgAt10.toFixed(3),
  baseline: `top-1 right ${(helpCenter.top1 * 100).toFixed(0)}%, p95 ${helpCenter.p95Ms.toFixed(2)} ms`,
  ratio: '',
});

log('SciFact (BEIR, train judgments) with the production search code…');
const scifact = await measureScifact();
if ('skipped' in scifact) {
  log(`  skipped: ${scifact.skipped}`);
  rows.push({ area: 'docs', metric: 'SciFact', value: 'skipped', baseline: scifact.skipped, ratio: '' });
} else {
  const { summary } = scifact;
  const ndcg = summary.metrics?.ndcg10 ?? Number.NaN;
  const recall = summary.metrics?.recall100 ?? Number.NaN;
  rows.push(
    {
      area: 'docs',
      metric: `SciFact nDCG@10 (${summary.metrics?.judgedQueries} train queries)`,
      value: ndcg.toFixed(4),
      baseline: '0.679 Lucene BM25 (published); goal ≥ 0.70',
      ratio: (ndcg / 0.679).toFixed(3),
    },
    {
      area: 'docs',
      metric: 'SciFact Recall@100',
      value: recall.toFixed(4),
      baseline: '0.925 Lucene BM25 (published)',
      ratio: (recall / 0.925).toFixed(3),
    },
    {
      area: 'docs',
      metric: 'SciFact query latency p50 / p95 (ms)',
      value: `${summary.latencyMs.p50.toFixed(2)} / ${summary.latencyMs.p95.toFixed(2)}`,
      baseline: 'goal p95 ≤ 10 ms',
      ratio: '',
    },
    {
      area: 'docs',
      metric: `SciFact indexing of ${summary.documents} documents (s)`,
      value: (summary.indexMs / 1000).toFixed(2),
      baseline: 'goal ≤ 5 s',
      ratio: '',
    },
  );
}

log('widget.js size…');
spawnSync(process.execPath, ['scripts/build.ts'], {
  cwd: new URL('../apps/widget/', import.meta.url),
  stdio: 'inherit',
});
const widgetSource = await readFile(new URL('../apps/widget/dist/widget.js', import.meta.url));
const widget = { bytes: widgetSource.length, gzippedBytes: gzipSync(widgetSource, { level: 9 }).length };
rows.push({
  area: 'widget',
  metric: 'widget.js size, gzipped (bytes)',
  value: String(widget.gzippedBytes),
  baseline: `budget 35840; ${widget.bytes} bytes minified`,
  ratio: (widget.gzippedBytes / 35_840).toFixed(2),
});

const widths = (['area', 'metric', 'value', 'baseline', 'ratio'] as const).map((key) =>
  Math.max(key.length, ...rows.map((row) => row[key].length)),
);
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(['area', 'metric', 'value', 'baseline', 'ratio']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line([row.area, row.metric, row.value, row.baseline, row.ratio]));

await mkdir('bench-results', { recursive: true });
await writeFile(
  'bench-results/latest.json',
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows, raw: { tools, mcpServers, hostCpu, hostOverhead: { instant, instantBaseline, paced }, concurrent, recordWrites, recordQueries, replies, chaos, products, helpCenter, scifact, widget } }, null, 2)}\n`,
);
log('written: bench-results/latest.json');
