import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createModelSimApp, type ModelSimOptions } from './create-model-sim-app.ts';

export interface StartModelSimOptions extends ModelSimOptions {
  /** Default 3200; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How long in-flight answers may finish after `stop()` before their connections are cut. Default 15 s. */
  shutdownGraceMs?: number;
  /** Install SIGTERM/SIGINT handlers that stop gracefully and exit (main.ts); default false. */
  handleSignals?: boolean;
}

export interface RunningModelSim {
  /** Base URL for the SDK's `baseURL`, without `/v1`: `http://127.0.0.1:3200`. */
  url: string;
  port: number;
  http: Server;
  /** Graceful stop: `/readyz` turns 503, no new connections, in-flight answers finish within the grace period. */
  stop(): Promise<void>;
}

/** Runs model-sim in this process: for the `npm start` launcher, tests and benchmarks. */
export async function startModelSim(options: StartModelSimOptions = {}): Promise<RunningModelSim> {
  const sim = createModelSimApp(options);
  const host = options.host ?? '127.0.0.1';
  const http = sim.app.listen(options.port ?? 3200, host);
  // Keep-alive longer than a typical load balancer's idle timeout, so it closes idle sockets first.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const graceMs = options.shutdownGraceMs ?? 15_000;

  let stopping: Promise<void> | undefined;
  // A keep-alive socket whose answer finishes during shutdown would otherwise idle until the grace ends.
  http.on('request', (_req, res) => {
    res.once('finish', () => {
      if (stopping) setImmediate(() => http.closeIdleConnections());
    });
  });
  const stop = () => {
    stopping ??= (async () => {
      sim.markDraining();
      sim.log.info({ graceMs }, 'shutting down: no new connections, finishing in-flight answers');
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const grace = setTimeout(() => http.closeAllConnections(), graceMs);
      grace.unref();
      await closed;
      clearTimeout(grace);
      sim.log.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            sim.log.error({ err: error }, 'error during shutdown');
            process.exit(1);
          },
        );
      });
    }
  }
  sim.log.info({ url: `${url}/v1/messages` }, 'model-sim (offline demo model) listening');
  return { url, port, http, stop };
}
