import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { ToolCatalogue } from './catalogue/tool-catalogue.ts';
import type { DiscoveryConflict } from './discovery/kubernetes-discovery.ts';
import { serveMetrics } from './http/create-metrics-app.ts';

export interface WorkerAppDeps {
  catalogue: Pick<ToolCatalogue, 'isReady' | 'servers'>;
  /** Whether the worker takes jobs (connected to Redis, not stopping). */
  isTakingJobs: () => boolean;
  registry: Registry;
  /** Server names two Services claim (discovery): reported on `/readyz`; the first admitted keeps serving. */
  discoveryConflicts?: () => readonly DiscoveryConflict[];
}

/** The worker role's HTTP side: probes and metrics only (it serves no chat). */
export function createWorkerApp(deps: WorkerAppDeps): { app: Express; markDraining(): void } {
  const app = express();
  app.disable('x-powered-by');
  let draining = false;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const servers = deps.catalogue.servers().map((s) => ({ name: s.name, state: s.state, tools: s.toolCount }));
    const ready = !draining && deps.isTakingJobs() && deps.catalogue.isReady();
    const conflicts = deps.discoveryConflicts?.() ?? [];
    res.status(ready ? 200 : 503).json({
      status: draining ? 'draining' : ready ? 'ready' : 'not_ready',
      servers,
      ...(conflicts.length > 0 ? { conflicts } : {}),
    });
  });
  app.get('/metrics', serveMetrics(deps.registry));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'A host worker serves only /healthz, /readyz and /metrics.' });
  });
  return {
    app,
    markDraining() {
      draining = true;
    },
  };
}
