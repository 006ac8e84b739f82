import type { ConversationStore } from '../chat/conversation-store.ts';
import { createRedisConversationStore } from '../chat/redis-conversation-store.ts';
import { withHandoffTool } from '../handoff/handoff-tool.ts';
import { createHandoffWebhookSender } from '../handoff/handoff-webhook-sender.ts';
import { createHandoffs, type Handoffs } from '../handoff/handoffs.ts';
import { openHandoffState } from '../handoff/open-handoff-state.ts';
import { withHandoff } from '../handoff/with-handoff.ts';
import { withHandoffWebhook } from '../handoff/with-handoff-webhook.ts';
import { createModelClient } from '../llm/create-model-client.ts';
import { createLlmRateLimiter, rateLimitedFetch } from '../llm/llm-rate-limit.ts';
import { catalogueGateway } from '../turn/catalogue-gateway.ts';
import { createClaudeTurnRunner } from '../turn/claude-turn-runner.ts';
import type { TurnRunner } from '../turn/turn-contract.ts';
import { createTurnMetrics } from '../turn/turn-metrics.ts';
import { bullPrefixOf, type HostBase } from './open-host-base.ts';

/**
 * The Claude turn runner over the catalogue and the hand-off tool, its model calls under the shared LLM rate
 * limit; while a person answers the conversation, it does not call the model. `liveConversations`: the
 * all-in-one process's own store without Redis (the chat API's), which the hand-off reads the transcript from.
 */
export function createTurnRunner(base: HostBase, liveConversations?: ConversationStore): TurnRunner {
  const { settings, log, redis } = base;
  const limiter = createLlmRateLimiter({
    ...settings.llmRateLimit,
    ...(redis ? { redis } : {}),
    prefix: settings.redisPrefix,
    log,
  });
  const client = createModelClient(settings.modelClient, { fetch: rateLimitedFetch({ limiter, log }) });
  // The hand-off reads the conversation (when it began, for the record; the transcript, for the helpdesk) from
  // the shared store with Redis, else from the chat API's store in this same process.
  const conversations = redis
    ? createRedisConversationStore({ redis, prefix: settings.redisPrefix })
    : liveConversations;
  const { webhook, ...state } = openHandoffState(base);
  let handoffs: Handoffs = createHandoffs({
    ...state,
    db: base.record.record.db,
    log,
    ...(conversations ? { conversations } : {}),
  });
  if (webhook) {
    // The process that runs turns also sends the hand-offs: with Redis a BullMQ worker (on a connection of its
    // own, as BullMQ requires) takes them, so a worker that dies mid-send leaves the job to another.
    const sender = createHandoffWebhookSender({
      settings: webhook.settings,
      log,
      ...(redis
        ? {
            redis: {
              connection: base.connectRedis({ maxRetriesPerRequest: null }),
              bullPrefix: bullPrefixOf(settings),
            },
          }
        : {}),
    });
    handoffs = withHandoffWebhook(handoffs, { sender, ...(conversations ? { conversations } : {}), log });
  }
  const claude = createClaudeTurnRunner({
    client,
    model: settings.model,
    gateway: withHandoffTool(catalogueGateway(base.catalogue), handoffs.agentsAvailable),
    log,
    metrics: createTurnMetrics(base.registry),
    limits: settings.turn,
    ...(settings.thinkingBudgetTokens ? { thinkingBudgetTokens: settings.thinkingBudgetTokens } : {}),
  });
  return withHandoff(claude, handoffs, log);
}
