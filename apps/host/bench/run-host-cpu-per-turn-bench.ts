// `node apps/host/bench/run-host-cpu-per-turn-bench.ts`: the host-CPU-per-turn rows of `npm run bench` alone,
// baseline (every text delta written as it came) and coalesced, interleaved in one run.
import { measureHostCpuPerTurn } from './host-cpu-per-turn-bench.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const result = await measureHostCpuPerTurn({
  rounds,
  turnsPerRound: 30,
  concurrency: 6,
  variants: { baseline: { TURN_TEXT_COALESCE_MS: '0' }, coalesced: {} },
});
console.log(JSON.stringify(result, null, 2));
