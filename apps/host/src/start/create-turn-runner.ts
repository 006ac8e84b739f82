import { createModelClient } from '../llm/create-model-client.ts';
import { createLlmRateLimiter, rateLimitedFetch } from '../llm/llm-rate-limit.ts';
import { catalogueGateway } from '../turn/catalogue-gateway.ts';
import { createClaudeTurnRunner } from '../turn/claude-turn-runner.ts';
import type { TurnRunner } from '../turn/turn-contract.ts';
import { createTurnMetrics } from '../turn/turn-metrics.ts';
import type { HostBase } from './open-host-base.ts';

/** The Claude turn runner over the catalogue, its model calls under the shared LLM rate limit. */
export function createTurnRunner(base: HostBase): TurnRunner {
  const { settings, log, redis } = base;
  const limiter = createLlmRateLimiter({
    ...settings.llmRateLimit,
    ...(redis ? { redis } : {}),
    prefix: settings.redisPrefix,
    log,
  });
  const client = createModelClient(settings.modelClient, { fetch: rateLimitedFetch({ limiter, log }) });
  return createClaudeTurnRunner({
    client,
    model: settings.model,
    gateway: catalogueGateway(base.catalogue),
    log,
    metrics: createTurnMetrics(base.registry),
    limits: settings.turn,
    ...(settings.thinkingBudgetTokens ? { thinkingBudgetTokens: settings.thinkingBudgetTokens } : {}),
  });
}
