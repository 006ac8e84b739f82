import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type CustomerTokenSigner, createCustomerTokenSigner, generateIdentityKeyPair } from '@shopchat/mcp-service';
import { type RunningModelSim, type StartModelSimOptions, startModelSim } from '@shopchat/model-sim';
import { SignJWT } from 'jose';
import pino from 'pino';

/**
 * The deployables, started by path as their own processes, exactly as `npm start` does: the harness never
 * imports a service or an app (docs/architecture.md#layering), it only runs them.
 */
const MAINS = {
  orders: 'services/orders/src/main.ts',
  products: 'services/products/src/main.ts',
  docs: 'services/docs/src/main.ts',
  host: 'apps/host/src/main.ts',
  'host-api': 'apps/host/src/main-api.ts',
  'host-worker': 'apps/host/src/main-worker.ts',
} as const;
/** A host process's role: both in one (`npm start`), or one of the two of a scaled-out host (REDIS_URL). */
export type HostProcessRole = 'all' | 'api' | 'worker';
export type ServiceName = 'orders' | 'products' | 'docs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Tools the three servers offer together: the host is ready for tests once it lists them all. */
const ALL_TOOLS = 11;
/** A server indexes its data before it is ready: seconds alone, minutes on a 2-core machine shared by many. */
const SERVICE_START_TIMEOUT_MS = 180_000;

export interface RunningHostProcess {
  url: string;
  /** The API's `/metrics` port (`METRICS_PORT`); the worker role serves its metrics at `url`. */
  metricsUrl: string;
  pid: number;
  /** Graceful stop (SIGTERM), waiting for the process to exit. */
  stop(): Promise<void>;
  /** Sudden death (SIGKILL), as a crashed pod or an OOM kill. */
  kill(): Promise<void>;
}

export interface ProductProcessesOptions {
  /** model-sim's pace and failures (default: instant). */
  sim?: Omit<StartModelSimOptions, 'port' | 'logger'>;
  /** Extra settings per server, e.g. its own `DATABASE_URL` (default: embedded PGlite each). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export interface ProductProcesses {
  ports: Record<ServiceName, number>;
  /** Demo customer tokens signed with the product's secret (`aud` chat, 1 h). */
  tokens: { cust_alice: string; cust_bob: string };
  sim: RunningModelSim;
  /** Signs identity tokens as the host does (for calling a server's tools directly, as the host would). */
  identity: CustomerTokenSigner;
  /**
   * Starts a host process against the servers; `env` overrides its settings. It is ready when it lists
   * every tool (`all`, `api`) or its `/readyz` answers (`worker`).
   */
  startHost(env?: Record<string, string>, role?: HostProcessRole): Promise<RunningHostProcess>;
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export async function startProductProcesses(options: ProductProcessesOptions = {}): Promise<ProductProcesses> {
  const keys = await generateIdentityKeyPair();
  const customerSecret = randomBytes(32).toString('hex');
  // Shared by every host process of this product, as the API and worker roles of a deployment share it.
  const turnJobSecret = randomBytes(32).toString('hex');
  const sim = await startModelSim({ ...options.sim, port: 0, logger: pino({ level: 'silent' }) });
  const ports = { orders: await freePort(), products: await freePort(), docs: await freePort() };
  const processes = new Map<string, ChildProcess>();
  const quiet = { LOG_LEVEL: 'silent', DATABASE_URL: '', REDIS_URL: '' };

  const run = (key: string, main: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [`${ROOT}${main}`], {
      env: { ...process.env, ...quiet, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    processes.set(key, child);
    return child;
  };
  const stopProcess = async (key: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = processes.get(key);
    processes.delete(key);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await once(child, 'exit');
    }
  };
  const startService = async (name: ServiceName) => {
    run(name, MAINS[name], {
      PORT: String(ports[name]),
      MCP_IDENTITY_PUBLIC_KEY: keys.publicKey,
      ...options.serviceEnv?.[name],
    });
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${ports[name]}/readyz`)).ok,
      `${name} ready`,
      SERVICE_START_TIMEOUT_MS,
    );
  };
  const stopAll = async () => {
    for (const key of [...processes.keys()]) await stopProcess(key);
    await sim.stop();
  };
  // A service that misses its start must not leave the others (and model-sim) running without a parent.
  const started = await Promise.allSettled((['orders', 'products', 'docs'] as const).map(startService));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await stopAll();
    throw failure.reason;
  }

  let hosts = 0;
  const mint = (sub: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setAudience('chat')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(customerSecret));

  return {
    ports,
    tokens: { cust_alice: await mint('cust_alice'), cust_bob: await mint('cust_bob') },
    sim,
    identity: await createCustomerTokenSigner({ privateKey: keys.privateKey }),
    async startHost(env = {}, role = 'all') {
      const key = `host-${++hosts}`;
      const port = await freePort();
      const metricsPort = role === 'worker' ? port : await freePort();
      const child = run(key, MAINS[role === 'all' ? 'host' : (`host-${role}` as const)], {
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        MCP_SERVERS: `orders=http://127.0.0.1:${ports.orders}/mcp,products=http://127.0.0.1:${ports.products}/mcp,docs=http://127.0.0.1:${ports.docs}/mcp`,
        // The API role refuses the signing key: only the processes that run turns get it.
        ...(role === 'api' ? {} : { MCP_IDENTITY_PRIVATE_KEY: keys.privateKey }),
        CUSTOMER_JWT_SECRET: customerSecret,
        TURN_JOB_SECRET: turnJobSecret,
        ANTHROPIC_BASE_URL: sim.url,
        ...env,
      });
      const url = `http://127.0.0.1:${port}`;
      const ready =
        role === 'worker'
          ? waitFor(async () => (await fetch(`${url}/readyz`)).ok, 'host worker ready')
          : waitFor(async () => {
              const tools = (await (await fetch(`${url}/api/tools`)).json()) as { tools: { available: boolean }[] };
              return tools.tools.filter((tool) => tool.available).length >= ALL_TOOLS;
            }, 'host lists every tool');
      // A host that misses its start is stopped, not left running for the rest of the run.
      await ready.catch(async (error: unknown) => {
        await stopProcess(key);
        throw error;
      });
      return {
        url,
        metricsUrl: `http://127.0.0.1:${metricsPort}`,
        pid: child.pid ?? 0,
        stop: () => stopProcess(key),
        kill: () => stopProcess(key, 'SIGKILL'),
      };
    },
    stopService: (name) => stopProcess(name),
    startService,
    stop: stopAll,
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 150_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
