import { createWorkerApp } from '../create-worker-app.ts';
import { createTurnRunner } from './create-turn-runner.ts';
import type { StartedRole } from './host-role.ts';
import type { HostBase } from './open-host-base.ts';
import { openSharedTurns, startQueueWorker } from './open-shared-turns.ts';

/** The worker role of a scaled-out host: runs queued turns; its HTTP side is probes and metrics. */
export function startWorkerRole(base: HostBase): StartedRole {
  const shared = openSharedTurns(base);
  const { worker, recordWorker, connection, stopPublishing } = startQueueWorker(base, shared, createTurnRunner(base));
  const workerApp = createWorkerApp({
    catalogue: base.readyCatalogue,
    isTakingJobs: () => connection.status === 'ready',
    registry: base.registry,
    discoveryConflicts: base.discoveryConflicts,
  });
  return {
    app: workerApp.app,
    turns: `queue (concurrency ${base.settings.workerConcurrency})`,
    markDraining: () => workerApp.markDraining(),
    drain: () => worker.close(),
    cancel: () => worker.close(true),
    async close() {
      stopPublishing();
      // After the turns: their last records are queued; what is left waits in Redis for another worker.
      await recordWorker.close().catch(() => {});
      shared.presence.close();
      connection.disconnect();
    },
  };
}
