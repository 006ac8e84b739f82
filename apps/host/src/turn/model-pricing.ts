/** US dollars per million tokens. */
interface Price {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/**
 * List prices by model family. Unknown models are costed as Sonnet: the figure is for dashboards and
 * budgets, not billing. model-sim is free but costed as Sonnet, so load tests show what a real turn costs.
 */
const PRICES: [RegExp, Price][] = [
  [/opus/, { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
  [/haiku/, { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
  [/.*/, { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
];

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

export function estimateCostUsd(model: string, usage: TokenUsage): number {
  const price = PRICES.find(([pattern]) => pattern.test(model))?.[1] ?? (PRICES.at(-1)?.[1] as Price);
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheCreationInputTokens * price.cacheWrite +
      usage.cacheReadInputTokens * price.cacheRead) /
    1_000_000
  );
}
