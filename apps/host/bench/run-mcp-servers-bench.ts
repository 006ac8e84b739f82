// `node apps/host/bench/run-mcp-servers-bench.ts [pglite|postgresql …] [orders|products|docs …]`: the
// per-server tools/call bench alone, printed as JSON (the full `npm run bench` runs it too). Naming
// engines or servers restricts the run to them; every server process still starts.
import { type BenchEngine, measureMcpServers, SERVICES } from './mcp-servers-bench.ts';

const args = process.argv.slice(2);
const engines = args.filter((arg): arg is BenchEngine => arg === 'pglite' || arg === 'postgresql');
const servers = SERVICES.filter((server) => args.includes(server));
const unknown = args.filter((arg) => !(engines as string[]).includes(arg) && !(servers as string[]).includes(arg));
if (unknown.length > 0) {
  throw new Error(
    `Unknown arguments ${unknown.join(', ')}: name engines (pglite, postgresql) and servers (${SERVICES.join(', ')}).`,
  );
}
const result = await measureMcpServers({
  ...(engines.length > 0 ? { engines } : {}),
  ...(servers.length > 0 ? { servers } : {}),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 4),
});
console.log(JSON.stringify(result, null, 2));
