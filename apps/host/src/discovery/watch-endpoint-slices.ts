import { DiscoveryV1Api, type KubeConfig, makeInformer, type V1EndpointSlice } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { BackoffOptions } from '../catalogue/backoff-delay.ts';
import { keepInformerRunning, type RunningInformer } from './keep-informer-running.ts';

/** Label the EndpointSlice controller puts on every slice, naming its Service. */
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface WatchEndpointSlicesOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  /** The Services' selector: the EndpointSlice controller copies a Service's labels onto its slices. */
  labelSelector: string;
  /** The MCP server a Service (by name) is now, if it is one. */
  serverOf: (serviceName: string) => string | undefined;
  /** Re-reads one server's tools (`catalogue.refresh(server)`). */
  refresh: (server: string) => unknown;
  /** Quiet time after the last change of a server's endpoints before its tools are re-read, in ms. */
  settleMs: number;
  backoff: BackoffOptions;
  log: Logger;
  random?: (() => number) | undefined;
}

/**
 * Watches the EndpointSlices of MCP Services and re-reads a server's tools once its endpoints stop
 * changing: after a rollout the new pods may offer new tools, and waiting for the periodic refresh (30 s)
 * would leave the model without them. Slices of the first list are not changes.
 */
export function watchEndpointSlices(options: WatchEndpointSlicesOptions): RunningInformer {
  const { kubeConfig, namespace, labelSelector, log } = options;
  const api = kubeConfig.makeApiClient(DiscoveryV1Api);
  const slices = makeInformer<V1EndpointSlice>(
    kubeConfig,
    `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
    () => api.listNamespacedEndpointSlice({ namespace, labelSelector }),
    labelSelector,
  );
  const timers = new Map<string, NodeJS.Timeout>();
  let listed = false;
  let stopped = false;

  slices.on('change', (slice) => {
    const serviceName = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
    const server = serviceName ? options.serverOf(serviceName) : undefined;
    if (!listed || stopped || !server) return;
    clearTimeout(timers.get(server));
    const timer = setTimeout(() => {
      timers.delete(server);
      log.info({ server }, 'MCP server endpoints changed: re-reading its tools');
      void options.refresh(server);
    }, options.settleMs);
    timer.unref();
    timers.set(server, timer);
  });

  const running = keepInformerRunning(slices, {
    what: 'endpointslices',
    backoff: options.backoff,
    log,
    random: options.random,
  });
  return {
    started: running.started.then(() => {
      listed = true;
    }),
    isSynced: running.isSynced,
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await running.stop();
    },
  };
}
