// The time from an agent's reply (POST on the console API) to its text in the customer's open widget
// stream, when the two are on different API replicas (Redis pub/sub between them), against the same
// replica side by side (the baseline: no hop between processes). Run alone:
// `node apps/host/bench/agent-reply-bench.ts`.
import { randomUUID } from 'node:crypto';
import { startProductProcesses, testRedisDatabaseUrl, uniquePrefix } from '@shopchat/product-harness';
import { listenSse } from '@shopchat/product-harness/sse';
import { Redis } from 'ioredis';
import { mintStaffToken } from '../src/console/mint-staff-token.ts';
import { postChat, readTurn } from '../test/scale-out/support/raw-turn-stream.ts';
import { cpuOf, percentile } from './proc-stats.ts';

const BENCH_REDIS_DB = 11;
const CONSOLE_SECRET = 'console-secret-agent-reply-bench-0123456789';

export interface AgentReplyResult {
  replies: number;
  /** Reply to the customer's screen, agent and customer on different replicas, in ms. */
  across: { p50: number; p99: number };
  /** The same, both on one replica: the baseline. */
  same: { p50: number; p99: number };
  /** CPU seconds of the two API processes during the measured replies. */
  cpuSeconds: { apiA: number; apiB: number };
}

export async function measureAgentReplyLatency(options: { replies: number }): Promise<AgentReplyResult> {
  const redisUrl = testRedisDatabaseUrl(BENCH_REDIS_DB);
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  const product = await startProductProcesses({ sim: { ttftMs: 0, tokensPerSecond: 0 } });
  try {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: uniquePrefix(), CONSOLE_JWT_SECRET: CONSOLE_SECRET };
    // One at a time: on a busy machine, three embedded record databases opening at once miss the start deadline.
    await product.startHost(env, 'worker');
    const a = await product.startHost(env, 'api');
    const b = await product.startHost(env, 'api');
    const alice = product.tokens.cust_alice;
    const agent = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_dana', role: 'agent' } });
    const id = `bench-${randomUUID()}`;
    await readTurn(
      await postChat({ baseUrl: a.url, conversationId: id, token: alice, text: 'I want to talk to a person' }),
    );
    const claim = await fetch(`${a.url}/api/console/conversations/${id}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}` },
    });
    if (claim.status !== 200) throw new Error(`claim answered ${claim.status}: ${await claim.text()}`);
    const widget = await listenSse<{ type: string; delta?: string }>(`${a.url}/api/chat/${id}/events`, alice);
    const across: number[] = [];
    const same: number[] = [];
    const cpuBefore = await cpuOf({ apiA: a.pid, apiB: b.pid });
    for (let i = 0; i < options.replies * 2; i++) {
      // Interleaved, so both see the same machine load.
      const viaOther = i % 2 === 0;
      const text = `reply ${i} ${randomUUID()}`;
      const started = performance.now();
      const sent = await fetch(`${(viaOther ? b : a).url}/api/console/conversations/${id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      if (sent.status !== 201) throw new Error(`reply answered ${sent.status}: ${await sent.text()}`);
      await widget.next((c) => c.type === 'text-delta' && c.delta === text);
      (viaOther ? across : same).push(performance.now() - started);
    }
    const cpuAfter = await cpuOf({ apiA: a.pid, apiB: b.pid });
    widget.close();
    const stats = (values: number[]) => ({ p50: percentile(values, 0.5), p99: percentile(values, 0.99) });
    return {
      replies: options.replies,
      across: stats(across),
      same: stats(same),
      cpuSeconds: { apiA: cpuAfter.apiA - cpuBefore.apiA, apiB: cpuAfter.apiB - cpuBefore.apiB },
    };
  } finally {
    await product.stop();
    await redis.flushdb();
    redis.disconnect();
  }
}

if (import.meta.main) {
  const result = await measureAgentReplyLatency({ replies: Number(process.env.BENCH_REPLIES ?? 100) });
  console.log(JSON.stringify(result, null, 2));
}
