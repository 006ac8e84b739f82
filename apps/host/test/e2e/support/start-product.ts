import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import pino from 'pino';
import { mintDemoCustomerTokens } from '../../../src/identity/demo-customer-tokens.ts';
import { type RunningHost, startHost } from '../../../src/start-host.ts';
import { freePort } from '../../catalogue/support/wait-for.ts';

const SERVICES = {
  orders: fileURLToPath(new URL('../../../../../services/orders/src/main.ts', import.meta.url)),
  products: fileURLToPath(new URL('../../../../../services/products/src/main.ts', import.meta.url)),
  docs: fileURLToPath(new URL('../../../../../services/docs/src/main.ts', import.meta.url)),
} as const;
export type ServiceName = keyof typeof SERVICES;

/** The whole product on loopback: the three real MCP servers as processes, model-sim, and hosts. */
export interface RunningProduct {
  identity: TestIdentity;
  sim: RunningModelSim;
  ports: Record<ServiceName, number>;
  customerSecret: string;
  tokens: { cust_alice: string; cust_bob: string };
  /** Starts a host against these servers; `env` overrides its settings (limits, timeouts). */
  startHost(env?: Record<string, string>): Promise<RunningHost>;
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export interface StartProductOptions {
  /** Extra settings per server (a data directory, an admin token). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export async function startProduct(options: StartProductOptions = {}): Promise<RunningProduct> {
  const identity = await createTestIdentity();
  const sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
  const ports = { orders: await freePort(), products: await freePort(), docs: await freePort() };
  const processes = new Map<ServiceName, ChildProcess>();
  const hosts: RunningHost[] = [];
  const customerSecret = randomBytes(32).toString('hex');

  const startService = async (name: ServiceName) => {
    const child = spawn(process.execPath, [SERVICES[name]], {
      env: {
        ...process.env,
        PORT: String(ports[name]),
        MCP_IDENTITY_PUBLIC_KEY: identity.publicKey,
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        REDIS_URL: '',
        ...options.serviceEnv?.[name],
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    processes.set(name, child);
    await waitUntilReady(`http://127.0.0.1:${ports[name]}/readyz`, 180_000);
  };
  const stopService = async (name: ServiceName) => {
    const child = processes.get(name);
    processes.delete(name);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  };
  await Promise.all((Object.keys(SERVICES) as ServiceName[]).map(startService));

  return {
    identity,
    sim,
    ports,
    customerSecret,
    tokens: await mintDemoCustomerTokens(customerSecret),
    async startHost(env = {}) {
      const host = await startHost({
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
        MCP_SERVERS: `orders=http://127.0.0.1:${ports.orders}/mcp,products=http://127.0.0.1:${ports.products}/mcp,docs=http://127.0.0.1:${ports.docs}/mcp`,
        MCP_IDENTITY_PRIVATE_KEY: identity.privateKey,
        CUSTOMER_JWT_SECRET: customerSecret,
        ANTHROPIC_BASE_URL: sim.url,
        ...env,
      });
      hosts.push(host);
      await host.catalogue.ready(AbortSignal.timeout(30_000)).catch(() => {});
      await waitUntil(() => host.catalogue.entries().length >= 11, 30_000);
      return host;
    },
    stopService,
    startService,
    async stop() {
      for (const host of hosts) await host.stop();
      for (const name of [...processes.keys()]) await stopService(name);
      await sim.stop();
    },
  };
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
