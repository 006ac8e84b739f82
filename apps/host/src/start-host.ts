import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ToolCatalogue } from './catalogue/tool-catalogue.ts';
import type { HostApp } from './create-host-app.ts';
import { createMetricsApp } from './http/create-metrics-app.ts';
import type { HostRole, StartedRole } from './start/host-role.ts';
import { type HostBase, openHostBase } from './start/open-host-base.ts';
import { startAllInOne } from './start/start-all-in-one.ts';
import { startApiRole } from './start/start-api-role.ts';
import { startWorkerRole } from './start/start-worker-role.ts';

export type { HostRole } from './start/host-role.ts';
export { WORKER_ONLY_SECRETS, WORKER_PORT } from './start/open-host-base.ts';

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
 * Builds and starts the host from environment-shaped settings: the base every role shares (settings,
 * catalogue, Redis), then the role's own parts, then the HTTP side listens.
 */
export async function startHost(env: NodeJS.ProcessEnv, role: HostRole = 'all'): Promise<RunningHost> {
  const base = await openHostBase(env, role);
  const started =
    role === 'api' ? await startApiRole(base) : role === 'worker' ? startWorkerRole(base) : await startAllInOne(base);
  return serveRole(base, started);
}

/** Listens with the role's app and stops it in order: drain (bounded by the grace period), cut, close. */
async function serveRole(base: HostBase, started: StartedRole): Promise<RunningHost> {
  const { settings, log, role } = base;
  const http = started.app.listen(settings.port, settings.host);
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const urlAt = (at: number) => `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${at}`;
  const url = urlAt(port);
  // The API's metrics on their own port, off the public one; the worker's port is internal already.
  const metricsHttp = started.host
    ? createMetricsApp(base.registry).listen(settings.metricsPort, settings.host)
    : undefined;
  if (metricsHttp) await once(metricsHttp, 'listening');
  const metricsUrl = metricsHttp ? urlAt((metricsHttp.address() as AddressInfo).port) : url;
  log.info(
    {
      url,
      metricsUrl,
      role,
      turns: started.turns,
      model: settings.model,
      modelProvider: settings.modelClient.provider,
      modelEndpoint: settings.modelClient.baseUrl ?? 'the provider’s API',
      tracing: base.tracing ? 'on' : 'off',
    },
    'host listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    role,
    url,
    port,
    http,
    ...(started.host ? { host: started.host } : {}),
    metricsUrl,
    catalogue: base.catalogue,
    stop() {
      stopping ??= (async () => {
        started.markDraining();
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        const grace = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), settings.shutdownGraceMs),
        );
        // Running turns finish (each is bounded by its own deadline), then the last streams are cut.
        if ((await Promise.race([started.drain(), grace])) === 'timeout') await started.cancel();
        // The live hand-off streams end cleanly (not cut), and their Redis subscriber is not left open.
        await started.host?.closeLive().catch((error: unknown) => log.warn({ err: error }, 'hand-off close failed'));
        http.closeAllConnections();
        await closed;
        metricsHttp?.closeAllConnections();
        await new Promise<void>((resolve) => (metricsHttp ? metricsHttp.close(() => resolve()) : resolve()));
        await started.close();
        await base.close();
        log.info('host stopped');
      })();
      return stopping;
    },
  };
}
