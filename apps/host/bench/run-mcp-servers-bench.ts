// `node apps/host/bench/run-mcp-servers-bench.ts [pglite|postgresql …]`: the per-server tools/call bench
// alone, printed as JSON (the full `npm run bench` runs it too).
import { type BenchEngine, measureMcpServers } from './mcp-servers-bench.ts';

const engines = process.argv.slice(2).filter((arg): arg is BenchEngine => arg === 'pglite' || arg === 'postgresql');
const result = await measureMcpServers({
  ...(engines.length > 0 ? { engines } : {}),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 4),
});
console.log(JSON.stringify(result, null, 2));
