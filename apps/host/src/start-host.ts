import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { ConfigError, createLogger } from '@shopchat/mcp-service';
import { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadCatalogueConfig } from './catalogue/load-catalogue-config.ts';
import { createToolCatalogue, type ToolCatalogue } from './catalogue/tool-catalogue.ts';
import { createRedisConversationStore } from './chat/redis-conversation-store.ts';
import { createRedisTurnStreamHub } from './chat/redis-turn-stream-hub.ts';
import { createHostApp, type HostApp } from './create-host-app.ts';
import { createKubernetesDiscovery, type KubernetesDiscovery } from './discovery/kubernetes-discovery.ts';
import { loadDiscoveryConfig } from './discovery/load-discovery-config.ts';
import { loadKubeConfig } from './discovery/load-kube-config.ts';
import { loadHostSettings } from './host-settings.ts';
import { loadChatApiSettings } from './http/chat-api-settings.ts';
import { createRedisRateLimitStore } from './http/redis-rate-limit-store.ts';
import { mintDemoCustomerTokens } from './identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from './identity/verify-customer-token.ts';
import { catalogueGateway } from './turn/catalogue-gateway.ts';
import { createClaudeTurnRunner } from './turn/claude-turn-runner.ts';
import { createTurnMetrics } from './turn/turn-metrics.ts';

/** Key prefix of the host's state in Redis. */
const REDIS_PREFIX = 'shopchat:host';

export interface RunningHost {
  url: string;
  port: number;
  http: Server;
  host: HostApp;
  catalogue: ToolCatalogue;
  /** Graceful stop: not ready, no new connections, running turns finish (bounded), then close. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the host from environment-shaped settings: the catalogue connects in the background
 * (a server that is down does not block startup), the chat API listens at once.
 */
export async function startHost(env: NodeJS.ProcessEnv): Promise<RunningHost> {
  const settings = loadHostSettings(env);
  const chatSettings = loadChatApiSettings(env);
  const discoveryConfig = loadDiscoveryConfig(env);
  const catalogueConfig = await loadCatalogueConfig(env);
  const kubeConfig = discoveryConfig.mode === 'kubernetes' ? loadKubeConfig(env) : undefined;
  if (!catalogueConfig.signer) {
    throw new ConfigError(
      'MCP_IDENTITY_PRIVATE_KEY',
      'is required: it signs the customer identity the MCP servers trust',
    );
  }
  if (!chatSettings.customerTokens.secret && !chatSettings.customerTokens.jwksUrl) {
    throw new ConfigError(
      'CUSTOMER_JWT_SECRET',
      'or CUSTOMER_JWKS_URL is required to verify the shop’s customer tokens',
    );
  }
  const log = createLogger({ service: 'host', level: settings.logLevel });
  // With REDIS_URL, conversations, running turns and rate limits live in Redis, shared by every replica.
  const redis = settings.redisUrl ? new Redis(settings.redisUrl, { maxRetriesPerRequest: 3 }) : undefined;
  redis?.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'host' });
  collectDefaultMetrics({ register: registry });

  const catalogue = createToolCatalogue({
    ...catalogueConfig,
    ...(discoveryConfig.mode === 'kubernetes' ? { servers: [] } : {}),
    logger: log,
  });
  let discovery: KubernetesDiscovery | undefined;
  if (discoveryConfig.mode === 'kubernetes' && kubeConfig) {
    discovery = createKubernetesDiscovery({
      kubeConfig,
      namespace: discoveryConfig.namespace,
      labelSelector: discoveryConfig.labelSelector,
      watchEndpointSlices: discoveryConfig.watchEndpointSlices,
      catalogue,
      logger: log,
    });
    // The first server set, or the first failure (logged): never blocks on the Kubernetes API.
    await discovery.start();
  }
  void catalogue.start().catch((error: unknown) => log.error({ err: error }, 'tool catalogue failed to start'));
  // Until Services have been listed once, a discovered catalogue has no servers and would look ready.
  const readyCatalogue = { ...catalogue, isReady: () => catalogue.isReady() && (discovery?.isSynced() ?? true) };
  const client = new Anthropic({
    apiKey: settings.anthropicApiKey,
    ...(settings.anthropicBaseUrl ? { baseURL: settings.anthropicBaseUrl } : {}),
    maxRetries: settings.maxRetries,
  });
  const runner = createClaudeTurnRunner({
    client,
    model: settings.model,
    gateway: catalogueGateway(catalogue),
    log,
    metrics: createTurnMetrics(registry),
    limits: settings.turn,
  });
  const demoTokens =
    env.SERVE_DEMO_TOKENS === 'true' && chatSettings.customerTokens.secret
      ? await mintDemoCustomerTokens(chatSettings.customerTokens.secret)
      : undefined;
  const host = createHostApp({
    catalogue: readyCatalogue,
    ...(demoTokens ? { demoTokens } : {}),
    ...(redis
      ? {
          chatState: {
            store: createRedisConversationStore({ redis, prefix: REDIS_PREFIX }),
            hub: createRedisTurnStreamHub({ redis, prefix: REDIS_PREFIX, log }),
            rateLimitStore: createRedisRateLimitStore({ redis, prefix: REDIS_PREFIX }),
          },
        }
      : {}),
    runner,
    verifyCustomerToken: createCustomerTokenVerifier(chatSettings.customerTokens),
    chat: chatSettings,
    log,
    registry,
  });
  const http = host.app.listen(settings.port, settings.host);
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  log.info(
    { url, model: settings.model, modelEndpoint: settings.anthropicBaseUrl ?? 'Anthropic API' },
    'host listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    http,
    host,
    catalogue,
    stop() {
      stopping ??= (async () => {
        host.markDraining();
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        // Running turns finish (each is bounded by its own deadline), then the last streams are cut.
        await Promise.race([
          host.chat.turns.idle(),
          new Promise((resolve) => setTimeout(resolve, settings.shutdownGraceMs)),
        ]);
        http.closeAllConnections();
        await closed;
        await redis?.quit().catch(() => {});
        await discovery?.close();
        await catalogue.close();
        log.info('host stopped');
      })();
      return stopping;
    },
  };
}
