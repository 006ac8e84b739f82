import type { Informer, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { type BackoffOptions, backoffDelay } from '../catalogue/backoff-delay.ts';

export interface RunningInformer {
  /** Resolves after the first list and watch request, or the first failure; never rejects. */
  started: Promise<void>;
  /** A list and watch have succeeded at least once: the cache reflects the cluster (maybe stale since). */
  isSynced(): boolean;
  /** Stops the watch and any pending restart. */
  stop(): Promise<void>;
}

/**
 * Runs a client-node informer for as long as the host runs. The library itself re-opens a watch that
 * the API server closes (from the last resourceVersion) and relists after `410 Gone`; any other failure
 * (API server unreachable, 5xx, 403) stops it and fires `error`, so it is restarted here with capped
 * backoff. Its cache is kept across failures, so the last known objects stay in use meanwhile.
 */
export function keepInformerRunning<T extends KubernetesObject>(
  informer: Informer<T>,
  options: { what: string; backoff: BackoffOptions; log: Logger; random?: (() => number) | undefined },
): RunningInformer {
  let stopped = false;
  let failures = 0;
  let failedDuringAttempt = false;
  let synced = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const onError = (error: unknown) => {
    failedDuringAttempt = true;
    if (stopped || retryTimer) return;
    failures += 1;
    const retryInMs = backoffDelay(failures, options.backoff, options.random);
    options.log.warn(
      { resource: options.what, attempt: failures, retryInMs, err: error },
      failures === 1
        ? 'Kubernetes watch failed: keeping the last known MCP servers, retrying'
        : 'Kubernetes API still unreachable',
    );
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void attempt();
    }, retryInMs);
    retryTimer.unref();
  };

  async function attempt(): Promise<void> {
    if (stopped) return;
    failedDuringAttempt = false;
    try {
      await informer.start();
    } catch (error) {
      // Thrown rather than reported: e.g. the service-account token could not be read.
      onError(error);
    }
    if (failedDuringAttempt) return;
    synced = true;
    if (failures > 0) {
      options.log.info({ resource: options.what, after: failures }, 'Kubernetes watch re-established');
      failures = 0;
    }
  }

  informer.on('error', onError);
  return {
    started: attempt(),
    isSynced: () => synced,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      informer.off('error', onError);
      await informer.stop();
    },
  };
}
