// `node apps/host/bench/run-host-cpu-per-turn-bench.ts`: the host-CPU-per-turn rows of `npm run bench` alone,
// baseline (every text delta written as it came) and coalesced, interleaved in one run.
// `BENCH_BASELINE_CHECKOUT=<root of another checkout>` (e.g. `git worktree add --detach ../base main`, then
// `npm ci` there) runs that checkout's host as the baseline instead, beside this one: before/after a change.
import { measureHostCpuPerTurn } from './host-cpu-per-turn-bench.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const checkout = process.env.BENCH_BASELINE_CHECKOUT;
const result = await measureHostCpuPerTurn({
  rounds,
  turnsPerRound: 30,
  concurrency: 6,
  ...(checkout
    ? { variants: { baseline: {}, changed: {} }, checkouts: { baseline: checkout } }
    : { variants: { baseline: { TURN_TEXT_COALESCE_MS: '0' }, coalesced: {} } }),
});
console.log(JSON.stringify(result, null, 2));
