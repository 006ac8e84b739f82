// The record-queries bench alone: node apps/host/bench/run-record-queries-bench.ts (RECORD_BENCH_CONVERSATIONS=…).
import { measureRecordQueries } from './record-queries-bench.ts';

const result = await measureRecordQueries();
console.log(
  `record queries on ${result.conversations} conversations (seeded in ${(result.seedMs / 1000).toFixed(1)} s), ${result.runs} runs each`,
);
for (const t of result.timings) {
  console.log(`  ${t.name.padEnd(20)} p50 ${t.p50Ms.toFixed(1)} ms   p95 ${t.p95Ms.toFixed(1)} ms`);
}
for (const { name, plan } of result.plans) console.log(`\nEXPLAIN ${name}:\n${plan.map((l) => `  ${l}`).join('\n')}`);
