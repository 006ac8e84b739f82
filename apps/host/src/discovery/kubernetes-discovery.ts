import { CoreV1Api, type KubeConfig, makeInformer, type V1Service } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { McpServerConfig } from '../catalogue/parse-mcp-servers.ts';
import type { ToolCatalogue } from '../catalogue/tool-catalogue.ts';
import { keepInformerRunning, type RunningInformer } from './keep-informer-running.ts';
import { clusterServiceUrl, type ResolveServiceUrl, serviceToMcpServer } from './service-to-mcp-server.ts';
import { type ServerSet, servicesToServerSet } from './services-to-server-set.ts';
import { watchEndpointSlices } from './watch-endpoint-slices.ts';

export interface KubernetesDiscoverySettings {
  /** A rollout changes several objects at once; one new server set is pushed per burst, in milliseconds. */
  debounceMs: number;
  /** Endpoints change pod by pod during a rollout; a server's tools are re-read once they settle, in ms. */
  endpointsSettleMs: number;
  /** First delay before restarting a failed watch, in milliseconds; doubles per failure. */
  retryInitialDelayMs: number;
  /** Ceiling of that delay, in milliseconds. Retries never stop while the host runs. */
  retryMaxDelayMs: number;
  /** Servers beyond this are ignored (as `MCP_SERVERS` refuses them): each costs tool-list tokens per turn. */
  maxServers: number;
}

/** Defaults, with units. */
export const KUBERNETES_DISCOVERY_DEFAULTS = {
  debounceMs: 250,
  endpointsSettleMs: 2_000,
  retryInitialDelayMs: 1_000,
  /** Like the catalogue's reconnects: the API server back means servers followed within 30 s. */
  retryMaxDelayMs: 30_000,
  maxServers: 32,
} as const satisfies KubernetesDiscoverySettings;

export interface KubernetesDiscoveryOptions {
  /** `loadFromCluster()` in a pod; tests point `loadFromOptions` at a local fake API server. */
  kubeConfig: KubeConfig;
  namespace: string;
  /** Selects the Services (and their EndpointSlices, which carry the Service's labels) of MCP servers. */
  labelSelector: string;
  /** Receives the server set on every change; `refresh(server)` when a server's endpoints change. */
  catalogue: Pick<ToolCatalogue, 'setServers' | 'refresh'>;
  logger: Logger;
  /** `MCP_ALLOWED_SERVERS`: only these server names are admitted; unset, any. */
  allowedServers?: readonly string[];
  /** Default {@link clusterServiceUrl} (`http://<service>.<namespace>.svc:<port><path>`). */
  resolveUrl?: ResolveServiceUrl;
  /** Also watch EndpointSlices, to re-read a server's tools when its pods change (rollouts). Default true. */
  watchEndpointSlices?: boolean;
  settings?: Partial<KubernetesDiscoverySettings>;
  random?: () => number;
  /** Where `host_discovery_name_conflicts` is exported; unset, nowhere. */
  registry?: Registry;
}

/** A server name more than one Service claims: the Service that keeps it (admitted first) and those refused. */
export type DiscoveryConflict = ServerSet['conflicts'][number];

export interface KubernetesDiscovery {
  /** Lists and watches; resolves once the first server set is pushed (or the first failure). Never rejects. */
  start(): Promise<void>;
  /**
   * Services have been listed at least once. Until then the catalogue has no servers and is trivially
   * ready, so `/readyz` should also wait for this (API server unreachable at startup: not ready).
   */
  isSynced(): boolean;
  /** The server set last pushed to the catalogue. */
  servers(): readonly McpServerConfig[];
  /** Server names two Services claim: the Service kept (the one admitted first) and those refused. */
  conflicts(): readonly DiscoveryConflict[];
  /** Stops the watches and timers; the catalogue keeps the last set. */
  close(): Promise<void>;
}

/**
 * Finds MCP servers as labelled Services in one namespace and keeps the catalogue's server set equal to
 * them: Services that appear are connected, changed ones (port, path, required) reconnected, deleted ones
 * dropped. While the API server is unreachable the last known set stays in use.
 */
export function createKubernetesDiscovery(options: KubernetesDiscoveryOptions): KubernetesDiscovery {
  const settings = { ...KUBERNETES_DISCOVERY_DEFAULTS, ...options.settings } satisfies KubernetesDiscoverySettings;
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Kubernetes discovery setting ${key} must be a non-negative integer, got ${value}`);
    }
  }
  const { kubeConfig, namespace, labelSelector } = options;
  const log = options.logger.child({ component: 'kubernetes-discovery', namespace, labelSelector });
  const resolveUrl = options.resolveUrl ?? clusterServiceUrl;
  const backoff = { initialDelayMs: settings.retryInitialDelayMs, maxDelayMs: settings.retryMaxDelayMs };

  const core = kubeConfig.makeApiClient(CoreV1Api);
  const services = makeInformer<V1Service>(
    kubeConfig,
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/services`,
    () => core.listNamespacedService({ namespace, labelSelector }),
    labelSelector,
  );
  let current: readonly McpServerConfig[] = [];
  let owners: ReadonlyMap<string, string> = new Map();
  let conflicts: ServerSet['conflicts'] = [];
  const allowed = options.allowedServers ? new Set(options.allowedServers) : undefined;
  if (options.registry) {
    // A second Service claiming a server's name is an attack or a mistake: operators alert on it, nothing switches.
    new Gauge({
      name: 'host_discovery_name_conflicts',
      help: 'Server names that more than one labelled Service claims (the first admitted keeps serving).',
      registers: [options.registry],
      collect() {
        this.set(conflicts.length);
      },
    });
  }
  let currentKey = '';
  /** Problems already logged, by Service name, so a broken Service is reported once, not on every event. */
  const reported = new Map<string, string>();
  let pushTimer: NodeJS.Timeout | undefined;
  const running: RunningInformer[] = [];
  let runningServices: RunningInformer | undefined;
  let closed = false;

  /** Logs each unusable Service once per distinct problem, not on every event. */
  function reportIgnored(ignored: ReadonlyMap<string, string>): void {
    for (const [service, problem] of ignored) {
      if (reported.get(service) !== problem) log.warn({ service, problem }, 'MCP Service ignored');
    }
    reported.clear();
    for (const [service, problem] of ignored) reported.set(service, problem);
  }

  function push(): void {
    if (pushTimer) clearTimeout(pushTimer);
    pushTimer = undefined;
    if (closed) return;
    const set = servicesToServerSet(services.list(namespace), {
      resolveUrl,
      maxServers: settings.maxServers,
      namespace,
      ...(allowed ? { allowed } : {}),
      owners,
    });
    const next = set.servers;
    reportIgnored(set.ignored);
    owners = set.owners;
    conflicts = set.conflicts;
    const key = next.map((s) => `${s.name}=${s.url.href}${s.required ? '!' : ''}`).join(',');
    if (key === currentKey) return;
    current = next;
    currentKey = key;
    log.info(
      { servers: next.map((s) => ({ name: s.name, url: s.url.href, required: s.required })) },
      'MCP servers discovered',
    );
    options.catalogue.setServers(next);
  }

  function schedulePush(): void {
    if (closed || pushTimer) return;
    pushTimer = setTimeout(push, settings.debounceMs);
    pushTimer.unref();
  }

  services.on('change', schedulePush);

  let starting: Promise<void> | undefined;
  return {
    start() {
      starting ??= (async () => {
        if (closed) return;
        runningServices = keepInformerRunning(services, {
          what: 'services',
          backoff,
          log,
          random: options.random,
        });
        running.push(runningServices);
        if (options.watchEndpointSlices !== false) {
          running.push(
            watchEndpointSlices({
              kubeConfig,
              namespace,
              labelSelector,
              serverOf: (serviceName) => {
                const service = services.get(serviceName, namespace);
                const mapped = service ? serviceToMcpServer(service, resolveUrl) : undefined;
                return mapped?.ok ? mapped.server.name : undefined;
              },
              refresh: (server) => options.catalogue.refresh(server),
              settleMs: settings.endpointsSettleMs,
              backoff,
              log,
              random: options.random,
            }),
          );
        }
        await Promise.all(running.map((informer) => informer.started));
        push(); // the first set at once, not after the debounce
      })();
      return starting;
    },

    isSynced: () => runningServices?.isSynced() ?? false,
    servers: () => current,
    conflicts: () => conflicts,

    async close() {
      closed = true;
      if (pushTimer) clearTimeout(pushTimer);
      await Promise.all(running.map((informer) => informer.stop()));
    },
  };
}
