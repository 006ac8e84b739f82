// `node apps/host/bench/run-concurrent-chats-bench.ts [chats]`: the concurrent-chats figures of `npm run bench`
// alone (model-sim at 600 ms TTFT, 50 tokens/s), printed as JSON. `BENCH_BASELINE_CHECKOUT=<root of another
// checkout>` runs that checkout's host code instead (host-code-from-checkout.ts), for a before/after side by side.
import { fileURLToPath } from 'node:url';
import { measureConcurrentChats } from './concurrent-chats-bench.ts';

const chats = Number(process.argv[2] ?? 200);
const checkout = process.env.BENCH_BASELINE_CHECKOUT;
const redirect = `--import=${fileURLToPath(new URL('./host-code-from-checkout.ts', import.meta.url))}`;
const result = await measureConcurrentChats({
  chats,
  ttftMs: 600,
  tokensPerSecond: 50,
  ...(checkout ? { hostEnv: { BENCH_HOST_CHECKOUT: checkout, NODE_OPTIONS: redirect } } : {}),
});
console.log(JSON.stringify({ host: checkout ?? 'this checkout', ...result }));
