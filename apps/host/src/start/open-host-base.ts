import { ConfigError, createLogger } from '@shopchat/mcp-service';
import { loadTelemetryConfig, startTelemetry } from '@shopchat/telemetry';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type CatalogueConfig, loadCatalogueConfig } from '../catalogue/load-catalogue-config.ts';
import { createToolCatalogue, type ToolCatalogue } from '../catalogue/tool-catalogue.ts';
import {
  createKubernetesDiscovery,
  type DiscoveryConflict,
  type KubernetesDiscovery,
} from '../discovery/kubernetes-discovery.ts';
import { type DiscoveryConfig, loadDiscoveryConfig } from '../discovery/load-discovery-config.ts';
import { loadKubeConfig } from '../discovery/load-kube-config.ts';
import { type HostSettings, loadHostSettings } from '../host-settings.ts';
import { type ChatApiSettings, loadChatApiSettings } from '../http/chat-api-settings.ts';
import { logConversationId } from '../http/log-conversation-id.ts';
import { type HostRecord, openHostRecord } from '../record/open-host-record.ts';
import type { HostRole } from './host-role.ts';

/** Default port of the worker role's probes and metrics (the API's is 3000). */
export const WORKER_PORT = 3001;

/** What every host role stands on: its settings, log, metrics, traces, Redis and the tool catalogue. */
export interface HostBase {
  role: HostRole;
  env: NodeJS.ProcessEnv;
  settings: HostSettings;
  chatSettings: ChatApiSettings;
  log: Logger;
  registry: Registry;
  tracing: boolean;
  /** With `REDIS_URL`: conversations, running turns and rate limits live here, shared by every replica. */
  redis?: Redis;
  catalogue: ToolCatalogue;
  /** Every conversation on record (PostgreSQL, or embedded PGlite without DATABASE_URL) and the staff console. */
  record: HostRecord;
  /** Server names two Services claim (Kubernetes discovery); shown on `/readyz`, never switched. */
  discoveryConflicts(): readonly DiscoveryConflict[];
  /** The catalogue, ready only once discovery (when on) has listed the Services once. */
  readyCatalogue: ToolCatalogue;
  /** Opens one more connection to `REDIS_URL` (BullMQ's workers need one of their own). */
  connectRedis(options: RedisOptions): Redis;
  /** Closes what the base opened, last thing on shutdown. */
  close(): Promise<void>;
}

/**
 * Reads and checks every setting (a bad one stops the process here, naming the variable), then connects:
 * the catalogue in the background (a server that is down does not block startup), discovery's first listing.
 */
export async function openHostBase(env: NodeJS.ProcessEnv, role: HostRole): Promise<HostBase> {
  const settings = loadHostSettings(
    role === 'worker' && env.PORT === undefined ? { ...env, PORT: `${WORKER_PORT}` } : env,
    { callsModel: role !== 'api' },
  );
  const chatSettings = loadChatApiSettings(env);
  const runsTurns = role !== 'api';
  // The internet-facing API never talks to the MCP servers: it gets neither their addresses nor their secrets.
  if (!runsTurns) refuseWorkerSecrets(env);
  const discoveryConfig: DiscoveryConfig = runsTurns ? loadDiscoveryConfig(env) : { mode: 'static' };
  const catalogueConfig: CatalogueConfig = runsTurns ? await loadCatalogueConfig(env) : { servers: [], settings: {} };
  const kubeConfig = discoveryConfig.mode === 'kubernetes' ? loadKubeConfig(env) : undefined;
  const telemetryConfig = loadTelemetryConfig(env);
  checkRoleSettings(role, settings, chatSettings, Boolean(catalogueConfig.signer));
  const service = role === 'all' ? 'host' : `host-${role}`;
  const log = createLogger({ service, level: settings.logLevel }).child(
    {},
    { serializers: { conversationId: logConversationId } },
  );
  // Spans of the chat request, the turn, its model and tool calls (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
  const telemetry = startTelemetry(telemetryConfig, { serviceName: service, log });
  const connectRedis = (options: RedisOptions): Redis => {
    const redis = new Redis(settings.redisUrl ?? '', options);
    redis.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
    return redis;
  };
  // Auto-pipelining: the commands of every turn issued in one tick leave in one write (a busy worker's
  // chunk appends, an API's replays), instead of a syscall each.
  const redis = settings.redisUrl ? connectRedis({ maxRetriesPerRequest: 3, enableAutoPipelining: true }) : undefined;
  const registry = new Registry();
  registry.setDefaultLabels({ service });
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
      ...(discoveryConfig.allowedServers ? { allowedServers: discoveryConfig.allowedServers } : {}),
      catalogue,
      logger: log,
      registry,
    });
    // The first server set, or the first failure (logged): never blocks on the Kubernetes API.
    await discovery.start();
  }
  if (runsTurns) {
    void catalogue.start().catch((error: unknown) => log.error({ err: error }, 'tool catalogue failed to start'));
  }
  // Until Services have been listed once, a discovered catalogue has no servers and would look ready.
  const readyCatalogue = { ...catalogue, isReady: () => catalogue.isReady() && (discovery?.isSynced() ?? true) };
  const record = await openHostRecord(env, {
    log,
    registry,
    runsTurns,
    ...(redis ? { redis: { connection: redis, bullPrefix: bullPrefixOf(settings) } } : {}),
  });

  return {
    role,
    env,
    settings,
    chatSettings,
    log,
    registry,
    tracing: telemetry.enabled,
    ...(redis ? { redis } : {}),
    catalogue,
    readyCatalogue,
    discoveryConflicts: () => discovery?.conflicts() ?? [],
    record,
    connectRedis,
    async close() {
      await record.record.close().catch((error: unknown) => log.warn({ err: error }, 'record close failed'));
      await redis?.quit().catch(() => {});
      await discovery?.close();
      await catalogue.close();
      await telemetry.shutdown();
    },
  };
}

/** BullMQ's key prefix: the host's Redis namespace, so the host's ACL user covers every queue. */
export function bullPrefixOf(settings: HostSettings): string {
  return `${settings.redisPrefix}:bull`;
}

/** Each role needs only its own secrets: the API verifies customers, the worker signs for the servers. */
function checkRoleSettings(role: HostRole, settings: HostSettings, chat: ChatApiSettings, hasSigner: boolean): void {
  if (role !== 'all' && !settings.redisUrl) {
    throw new ConfigError('REDIS_URL', `is required for the ${role} role: the API and the workers meet in Redis`);
  }
  if (role !== 'worker' && !settings.allowedHosts) {
    throw new ConfigError(
      'ALLOWED_HOSTS',
      `is required when HOST is ${settings.host} (not loopback): list the names browsers reach the host by ` +
        '(chat.shop.example), or * when an ingress in front checks Host',
    );
  }
  if (settings.redisUrl && !settings.turnJobSecret) {
    throw new ConfigError(
      'TURN_JOB_SECRET',
      'is required with REDIS_URL: the API signs each queued turn with it and the workers run only signed ones',
    );
  }
  if (role !== 'api' && !hasSigner) {
    throw new ConfigError(
      'MCP_IDENTITY_PRIVATE_KEY',
      'is required: it signs the customer identity the MCP servers trust',
    );
  }
  if (role !== 'worker' && !chat.customerTokens.secret && !chat.customerTokens.jwksUrl) {
    throw new ConfigError(
      'CUSTOMER_JWT_SECRET',
      'or CUSTOMER_JWKS_URL is required to verify the shop’s customer tokens',
    );
  }
}

/** Secrets only the worker role uses; the API role refuses to start with any of them. */
export const WORKER_ONLY_SECRETS = ['MCP_IDENTITY_PRIVATE_KEY', 'MCP_SERVICE_TOKEN', 'ANTHROPIC_API_KEY'] as const;

/**
 * The API role faces the internet: whoever breaks into it must not find the key that signs customer identities
 * for the MCP servers, their service token or the model's API key. A deployment that still gives it one is
 * refused at startup, so the mistake cannot ship.
 */
function refuseWorkerSecrets(env: NodeJS.ProcessEnv): void {
  for (const name of WORKER_ONLY_SECRETS) {
    if (env[name]) {
      throw new ConfigError(
        name,
        'must not be given to the api role: only the worker calls the MCP servers and the model',
      );
    }
  }
}
