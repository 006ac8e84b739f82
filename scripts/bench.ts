// `npm run bench`: runs every benchmark of the repo in one process, prints one table and writes it as
// JSON (bench-results/latest.json) so runs can be compared.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { runToolsCallBench } from '../packages/mcp-service/bench/tools-call-bench.ts';

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
    metric: 'tools/call throughput (req/s)',
    value: tools.mcp.requestsPerSecond.toFixed(0),
    baseline: `${tools.bare.requestsPerSecond.toFixed(0)} bare express`,
    ratio: tools.throughputRatio.toFixed(2),
  },
  {
    area: 'mcp-service',
    metric: 'tools/call latency p50 / p99 (ms, sequential)',
    value: `${tools.mcp.p50Ms.toFixed(3)} / ${tools.mcp.p99Ms.toFixed(3)}`,
    baseline: `${tools.bare.p50Ms.toFixed(3)} / ${tools.bare.p99Ms.toFixed(3)} bare express`,
    ratio: (tools.mcp.p50Ms / tools.bare.p50Ms).toFixed(2),
  },
);

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
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows, raw: { tools } }, null, 2)}\n`,
);
log('written: bench-results/latest.json');
