import { randomUUID } from 'node:crypto';
import { startProduct } from '../test/e2e/support/start-product.ts';
import { startModelSimProcess } from './start-model-sim-process.ts';

/** Customer questions of the benchmark: a product search, an order look-up, a policy question. */
const QUESTIONS: { text: string; as: 'cust_alice' | 'anonymous' }[] = [
  { text: 'Do you have waterproof hiking boots in size 44 under 150 euros?', as: 'anonymous' },
  { text: 'Where is my order A-1042?', as: 'cust_alice' },
  { text: 'Can I return a gift without the receipt?', as: 'anonymous' },
];
const WARM_UP_TURNS = 6;

export interface HostOverheadOptions {
  /** Turns measured. */
  turns: number;
  /** model-sim pace: 0/0 is an instant model (the host's worst-case share); 600/50 is a realistic one. */
  ttftMs: number;
  tokensPerSecond: number;
  /** Extra host settings (the baseline's `TURN_TEXT_COALESCE_MS=0`). */
  hostEnv?: Record<string, string>;
}

export interface HostOverheadResult {
  turns: number;
  /** Means per turn, in ms, as the chat client sees them. */
  turnMs: number;
  modelMs: number;
  toolMs: number;
  /** Turn time not spent in the model or in tools: the host's share (HTTP hops, SDK, loop, stream). */
  overheadMs: number;
  overheadShare: number;
  /** From the second turn of a conversation on: share of input tokens read from the prompt cache. */
  cacheReadShare: number;
  cachedInputTokensPerTurn: number;
  uncachedInputTokensPerTurn: number;
}

/**
 * Host overhead per turn, measured in one run: chat turns through the real host, with model-sim (as its own
 * process, no added latency) and the three real MCP servers. Model time is model-sim's own request time and
 * tool time the servers' own tool time, both read from their /metrics before and after.
 */
export async function measureHostOverhead(options: HostOverheadOptions): Promise<HostOverheadResult> {
  const MEASURED_TURNS = options.turns;
  const sim = await startModelSimProcess(options);
  const simUrl = sim.url;
  const product = await startProduct();
  try {
    const host = await product.startHost({
      ANTHROPIC_BASE_URL: simUrl,
      CHAT_TURNS_PER_MINUTE: '10000',
      ...options.hostEnv,
    });
    // A plain streaming client reads each turn to its end: a UI client's own work stays out of the figure.
    const turn = async (question: (typeof QUESTIONS)[number], chatId = `bench-${randomUUID()}`) => {
      const started = performance.now();
      const response = await fetch(`${host.url}/api/chat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(question.as === 'cust_alice' ? { authorization: `Bearer ${product.tokens.cust_alice}` } : {}),
        },
        body: JSON.stringify({
          id: chatId,
          trigger: 'submit-message',
          messages: [{ id: randomUUID(), role: 'user', parts: [{ type: 'text', text: question.text }] }],
        }),
      });
      if (!response.ok) throw new Error(`chat answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    for (let i = 0; i < WARM_UP_TURNS; i++) await turn(QUESTIONS[i % QUESTIONS.length] as (typeof QUESTIONS)[number]);

    const serverUrls = Object.values(product.ports).map((port) => `http://127.0.0.1:${port}/metrics`);
    const modelBefore = await metricSum(`${simUrl}/metrics`, 'model_sim_request_duration_seconds_sum');
    const toolsBefore = await sumOver(serverUrls, 'mcp_tool_call_duration_seconds_sum');
    let total = 0;
    for (let i = 0; i < MEASURED_TURNS; i++)
      total += await turn(QUESTIONS[i % QUESTIONS.length] as (typeof QUESTIONS)[number]);
    const modelMs =
      ((await metricSum(`${simUrl}/metrics`, 'model_sim_request_duration_seconds_sum')) - modelBefore) * 1000;
    const toolMs = ((await sumOver(serverUrls, 'mcp_tool_call_duration_seconds_sum')) - toolsBefore) * 1000;

    // Prompt caching: a three-turn conversation; turns 2 and 3 should read tools and system prompt from cache.
    const conversation = `bench-cache-${randomUUID()}`;
    await turn({ text: 'Where is my order A-1042?', as: 'cust_alice' }, conversation);
    const tokensBefore = await tokenCounts(`${host.metricsUrl}/metrics`);
    await turn({ text: 'And where is my order A-1031?', as: 'cust_alice' }, conversation);
    await turn({ text: 'What did I order last month?', as: 'cust_alice' }, conversation);
    const tokensAfter = await tokenCounts(`${host.metricsUrl}/metrics`);
    const cached = tokensAfter.cache_read - tokensBefore.cache_read;
    const uncached = tokensAfter.input - tokensBefore.input + (tokensAfter.cache_write - tokensBefore.cache_write);

    const turnMs = total / MEASURED_TURNS;
    const overheadMs = turnMs - modelMs / MEASURED_TURNS - toolMs / MEASURED_TURNS;
    return {
      turns: MEASURED_TURNS,
      turnMs,
      modelMs: modelMs / MEASURED_TURNS,
      toolMs: toolMs / MEASURED_TURNS,
      overheadMs,
      overheadShare: overheadMs / turnMs,
      cacheReadShare: cached / (cached + uncached),
      cachedInputTokensPerTurn: cached / 2,
      uncachedInputTokensPerTurn: uncached / 2,
    };
  } finally {
    await product.stop();
    await sim.stop();
  }
}

async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(name)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

async function sumOver(urls: string[], name: string): Promise<number> {
  return (await Promise.all(urls.map((url) => metricSum(url, name)))).reduce((a, b) => a + b, 0);
}

async function tokenCounts(url: string): Promise<Record<'input' | 'cache_read' | 'cache_write', number>> {
  const text = await (await fetch(url)).text();
  const read = (kind: string) => {
    const line = text.split('\n').find((l) => l.startsWith('host_llm_tokens_total{') && l.includes(`kind="${kind}"`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return { input: read('input'), cache_read: read('cache_read'), cache_write: read('cache_write') };
}
