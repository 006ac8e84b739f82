import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { ConfigError, createLogger } from '@shopchat/mcp-service';
import { loadTelemetryConfig, startTelemetry } from '@shopchat/telemetry';
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadCatalogueConfig } from './catalogue/load-catalogue-config.ts';
import { createToolCatalogue, type ToolCatalogue } from './catalogue/tool-catalogue.ts';
import { createRedisConversationStore } from './chat/redis-conversation-store.ts';
import { createHostApp, type HostApp } from './create-host-app.ts';
import { createWorkerApp } from './create-worker-app.ts';
import { createKubernetesDiscovery, type KubernetesDiscovery } from './discovery/kubernetes-discovery.ts';
import { loadDiscoveryConfig } from './discovery/load-discovery-config.ts';
import { loadKubeConfig } from './discovery/load-kube-config.ts';
import { type HostSettings, loadHostSettings } from './host-settings.ts';
import { type ChatApiSettings, loadChatApiSettings } from './http/chat-api-settings.ts';
import { createMetricsApp } from './http/create-metrics-app.ts';
import { logConversationId } from './http/log-conversation-id.ts';
import { createRedisRateLimitStore } from './http/redis-rate-limit-store.ts';
import { mintDemoCustomerTokens } from './identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from './identity/verify-customer-token.ts';
import { createLlmRateLimiter, rateLimitedFetch } from './llm/llm-rate-limit.ts';
import { catalogueGateway } from './turn/catalogue-gateway.ts';
import { createClaudeTurnRunner } from './turn/claude-turn-runner.ts';
import { createQueuedTurns } from './turn/queued-turns.ts';
import { createRedisTurnStreamHub } from './turn/redis-turn-stream-hub.ts';
import type { TurnRunner } from './turn/turn-contract.ts';
import { TURN_QUEUE, type TurnJob } from './turn/turn-job.ts';
import { createTurnMetrics } from './turn/turn-metrics.ts';
import { createTurnReaderPresence } from './turn/turn-reader-presence.ts';
import { createTurnWorker, type TurnWorker } from './turn/turn-worker.ts';
import { createTurnWorkerMetrics } from './turn/turn-worker-metrics.ts';

/**
 * What a host process does: `all` serves the chat API and runs turns (in-process without `REDIS_URL`,
 * through the queue with it); `api` and `worker` are the two roles of a scaled-out host (`REDIS_URL`).
 */
export type HostRole = 'all' | 'api' | 'worker';

/** Default port of the worker role's probes and metrics (the API's is 3000). */
export const WORKER_PORT = 3001;

export interface RunningHost {
  role: HostRole;
  url: string;
  port: number;
  http: Server;
  /** The chat app; undefined in the worker role. */
  host?: HostApp;
  /** Where the API's `/metrics` is (`METRICS_PORT`); the worker role serves it at `url`. */
  metricsUrl: string;
  catalogue: ToolCatalogue;
  /** Graceful stop: not ready, no new connections or jobs, running turns finish (bounded), then close. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the host from environment-shaped settings: the catalogue connects in the background
 * (a server that is down does not block startup), the HTTP side listens at once.
 */
export async function startHost(env: NodeJS.ProcessEnv, role: HostRole = 'all'): Promise<RunningHost> {
  const settings = loadHostSettings(
    role === 'worker' && env.PORT === undefined ? { ...env, PORT: `${WORKER_PORT}` } : env,
  );
  const chatSettings = loadChatApiSettings(env);
  const discoveryConfig = loadDiscoveryConfig(env);
  const catalogueConfig = await loadCatalogueConfig(env);
  const kubeConfig = discoveryConfig.mode === 'kubernetes' ? loadKubeConfig(env) : undefined;
  const telemetryConfig = loadTelemetryConfig(env);
  checkRoleSettings(role, settings, chatSettings, Boolean(catalogueConfig.signer));
  const runsTurns = role !== 'api';
  const servesChat = role !== 'worker';
  const log = createLogger({ service: role === 'all' ? 'host' : `host-${role}`, level: settings.logLevel }).child(
    {},
    { serializers: { conversationId: logConversationId } },
  );
  // Spans of the chat request, the turn, its model and tool calls (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
  const telemetry = startTelemetry(telemetryConfig, { serviceName: role === 'all' ? 'host' : `host-${role}`, log });
  // With REDIS_URL, conversations, running turns and rate limits live in Redis, shared by every replica.
  // Auto-pipelining: the commands of every turn issued in one tick leave in one write (a busy worker's
  // chunk appends, an API's replays), instead of a syscall each.
  const redis = settings.redisUrl
    ? connectRedis(settings.redisUrl, log, { maxRetriesPerRequest: 3, enableAutoPipelining: true })
    : undefined;
  const prefix = settings.redisPrefix;
  const registry = new Registry();
  registry.setDefaultLabels({ service: role === 'all' ? 'host' : `host-${role}` });
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
  const runner = runsTurns ? createRunner(settings, catalogue, registry, log, redis) : undefined;

  const store = redis ? createRedisConversationStore({ redis, prefix }) : undefined;
  const hub = redis ? createRedisTurnStreamHub({ redis, prefix, log }) : undefined;
  const turnLimits = settings.turn;
  const presence = redis
    ? createTurnReaderPresence({ redis, prefix, abandonAfterMs: turnLimits.abandonAfterMs, log })
    : undefined;
  const bullPrefix = `${prefix}:bull`;

  let worker: TurnWorker | undefined;
  let workerConnection: Redis | undefined;
  if (runsTurns && redis && store && hub && presence && runner && settings.redisUrl) {
    workerConnection = connectRedis(settings.redisUrl, log, { maxRetriesPerRequest: null });
    worker = createTurnWorker({
      connection: workerConnection,
      prefix: bullPrefix,
      hub,
      store,
      runner,
      presence,
      log,
      limits: turnLimits,
      worker: { concurrency: settings.workerConcurrency },
      metrics: createTurnWorkerMetrics(registry),
    });
  }

  let queue: Queue<TurnJob> | undefined;
  let host: HostApp | undefined;
  let workerApp: ReturnType<typeof createWorkerApp> | undefined;
  if (servesChat) {
    const demoTokens =
      env.SERVE_DEMO_TOKENS === 'true' && chatSettings.customerTokens.secret
        ? await mintDemoCustomerTokens(chatSettings.customerTokens.secret)
        : undefined;
    if (redis && hub && presence) {
      queue = new Queue<TurnJob>(TURN_QUEUE, { connection: redis, prefix: bullPrefix });
      queue.on('error', (error: Error) => log.warn({ err: error }, 'turn queue error'));
    }
    host = createHostApp({
      // The API of a scaled-out host is ready when Redis is: the workers are the ones that need the servers.
      catalogue: role === 'api' ? { ...readyCatalogue, isReady: () => redis?.status === 'ready' } : readyCatalogue,
      ...(demoTokens ? { demoTokens } : {}),
      ...(runner && !queue ? { runner } : {}),
      ...(redis && store && hub && presence && queue
        ? {
            chatState: {
              store,
              hub,
              rateLimitStore: createRedisRateLimitStore({ redis, prefix }),
              readRateLimitStore: createRedisRateLimitStore({ redis, prefix: `${prefix}:reads` }),
              dispatcher: createQueuedTurns({ queue, hub, presence, log, limits: turnLimits }),
            },
          }
        : {}),
      verifyCustomerToken: createCustomerTokenVerifier(chatSettings.customerTokens),
      turnLimits,
      chat: chatSettings,
      log,
      registry,
      edge: {
        ...(settings.trustProxy !== undefined ? { trustProxy: settings.trustProxy } : {}),
        ...(settings.allowedHosts ? { allowedHosts: settings.allowedHosts } : {}),
      },
    });
  } else {
    workerApp = createWorkerApp({
      catalogue: readyCatalogue,
      isTakingJobs: () => workerConnection?.status === 'ready',
      registry,
    });
  }

  const app = host?.app ?? workerApp?.app;
  if (!app) throw new Error('startHost: no HTTP app for this role');
  const http = app.listen(settings.port, settings.host);
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const urlAt = (at: number) => `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${at}`;
  const url = urlAt(port);
  // The API's metrics on their own port, off the public one; the worker's port is internal already.
  const metricsHttp = host ? createMetricsApp(registry).listen(settings.metricsPort, settings.host) : undefined;
  if (metricsHttp) await once(metricsHttp, 'listening');
  const metricsUrl = metricsHttp ? urlAt((metricsHttp.address() as AddressInfo).port) : url;
  log.info(
    {
      url,
      metricsUrl,
      role,
      turns: !runsTurns ? 'workers' : redis ? `queue (concurrency ${settings.workerConcurrency})` : 'in-process',
      model: settings.model,
      modelEndpoint: settings.anthropicBaseUrl ?? 'Anthropic API',
      tracing: telemetry.enabled ? 'on' : 'off',
    },
    'host listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    role,
    url,
    port,
    http,
    ...(host ? { host } : {}),
    metricsUrl,
    catalogue,
    stop() {
      stopping ??= (async () => {
        host?.markDraining();
        workerApp?.markDraining();
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        const grace = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), settings.shutdownGraceMs),
        );
        // Running turns finish (each is bounded by its own deadline), then the last streams are cut.
        const drained = Promise.all([host?.chat.turns.idle(), worker?.close()]);
        if ((await Promise.race([drained, grace])) === 'timeout') await worker?.close(true);
        http.closeAllConnections();
        await closed;
        metricsHttp?.closeAllConnections();
        await new Promise<void>((resolve) => (metricsHttp ? metricsHttp.close(() => resolve()) : resolve()));
        await queue?.close().catch(() => {});
        presence?.close();
        workerConnection?.disconnect();
        await redis?.quit().catch(() => {});
        await discovery?.close();
        await catalogue.close();
        await telemetry.shutdown();
        log.info('host stopped');
      })();
      return stopping;
    },
  };
}

/** Each role needs only its own secrets: the API verifies customers, the worker signs for the servers. */
function checkRoleSettings(role: HostRole, settings: HostSettings, chat: ChatApiSettings, hasSigner: boolean): void {
  if (role !== 'all' && !settings.redisUrl) {
    throw new ConfigError('REDIS_URL', `is required for the ${role} role: the API and the workers meet in Redis`);
  }
  if (role !== 'api' && !hasSigner) {
    throw new ConfigError(
      'MCP_IDENTITY_PRIVATE_KEY',
      'is required: it signs the customer identity the MCP servers trust',
    );
  }
  if (role !== 'worker' && !settings.allowedHosts) {
    throw new ConfigError(
      'ALLOWED_HOSTS',
      `is required when HOST is ${settings.host} (not loopback): list the names browsers reach the host by ` +
        '(chat.shop.example), or * when an ingress in front checks Host',
    );
  }
  if (role !== 'worker' && !chat.customerTokens.secret && !chat.customerTokens.jwksUrl) {
    throw new ConfigError(
      'CUSTOMER_JWT_SECRET',
      'or CUSTOMER_JWKS_URL is required to verify the shop’s customer tokens',
    );
  }
}

function connectRedis(url: string, log: Logger, options: RedisOptions): Redis {
  const redis = new Redis(url, options);
  redis.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
  return redis;
}

/** The Claude turn runner over the catalogue, its model calls under the shared LLM rate limit. */
function createRunner(
  settings: HostSettings,
  catalogue: ToolCatalogue,
  registry: Registry,
  log: Logger,
  redis: Redis | undefined,
): TurnRunner {
  const limiter = createLlmRateLimiter({
    ...settings.llmRateLimit,
    ...(redis ? { redis } : {}),
    prefix: settings.redisPrefix,
    log,
  });
  const client = new Anthropic({
    apiKey: settings.anthropicApiKey,
    ...(settings.anthropicBaseUrl ? { baseURL: settings.anthropicBaseUrl } : {}),
    maxRetries: settings.maxRetries,
    fetch: rateLimitedFetch({ limiter, log }),
  });
  return createClaudeTurnRunner({
    client,
    model: settings.model,
    gateway: catalogueGateway(catalogue),
    log,
    metrics: createTurnMetrics(registry),
    limits: settings.turn,
  });
}
