// `node apps/host/bench/run-host-overhead-bench.ts`: the "overhead per turn, instant model" row of
// `npm run bench` alone, `BENCH_TURNS` measured turns (default 60). `BENCH_HOST_CHECKOUT=<root of another
// checkout>` (npm ci'd) runs that checkout's host code in this harness instead: run it and then this one,
// one after the other, for a before/after of a change.
if (process.env.BENCH_HOST_CHECKOUT) await import('./host-code-from-checkout.ts');
const { measureHostOverhead } = await import('./host-overhead-bench.ts');

const run = await measureHostOverhead({ turns: Number(process.env.BENCH_TURNS ?? 60), ttftMs: 0, tokensPerSecond: 0 });
const ms = (value: number) => Number(value.toFixed(2));
console.log(
  JSON.stringify({
    host: process.env.BENCH_HOST_CHECKOUT ?? 'this checkout',
    turns: run.turns,
    turnMs: ms(run.turnMs),
    modelMs: ms(run.modelMs),
    toolMs: ms(run.toolMs),
    overheadMs: ms(run.overheadMs),
    hostCpuMs: ms(run.hostCpuMs),
  }),
);
