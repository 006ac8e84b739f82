import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger } from '@shopchat/mcp-service';
import { startTestService, type TestService } from '@shopchat/mcp-service/testing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerApp } from '../../src/create-worker-app.ts';
import {
  createKubernetesDiscovery,
  type KubernetesDiscovery,
  type KubernetesDiscoveryOptions,
} from '../../src/discovery/kubernetes-discovery.ts';
import type { ToolCatalogue } from '../../src/index.ts';
import { createTestCatalogue } from '../catalogue/support/create-test-catalogue.ts';
import { echoTool } from '../catalogue/support/fixture-tools.ts';
import { offeredToolNames } from '../catalogue/support/offered-tools.ts';
import { waitFor } from '../catalogue/support/wait-for.ts';
import { endpointSlice, mcpService } from './support/kubernetes-objects.ts';
import { type FakeKubernetesApi, startFakeKubernetesApi } from './support/start-fake-kubernetes-api.ts';

const NAMESPACE = 'shop';
const SELECTOR = 'app.kubernetes.io/component=mcp-server';

let api: FakeKubernetesApi;
let alpha: TestService;
let beta: TestService;
let betaV2: TestService;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  api = await startFakeKubernetesApi();
  const start = (name: string, tools: string[]) =>
    startTestService({
      name,
      version: '1.0.0',
      tools: tools.map((tool) => echoTool(tool)),
      settings: { shutdownGraceMs: 100 },
    });
  [alpha, beta, betaV2] = await Promise.all([
    start('alpha', ['alpha_echo']),
    start('beta', ['beta_echo']),
    start('beta', ['beta_echo', 'beta_new']),
  ]);
  cleanups.push(
    () => api.stop(),
    () => alpha.stop(),
    () => beta.stop(),
    () => betaV2.stop(),
  );
});

afterEach(async () => {
  // Discovery and catalogue first (pushed last), then the servers they talk to.
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  cleanups.length = 0;
});

const portOf = (service: TestService) => Number(new URL(service.url).port);

function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify: true }],
    users: [{ name: 'host', token: 'service-account-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'host', namespace: NAMESPACE }],
    currentContext: 'fake',
  });
  return kubeConfig;
}

async function startDiscovery(
  options: Partial<KubernetesDiscoveryOptions> = {},
): Promise<{ catalogue: ToolCatalogue; discovery: KubernetesDiscovery }> {
  const catalogue = createTestCatalogue([]);
  await catalogue.start();
  const discovery = createKubernetesDiscovery({
    kubeConfig: kubeConfigFor(api.url),
    namespace: NAMESPACE,
    labelSelector: SELECTOR,
    catalogue,
    logger: createLogger({ service: 'host-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    // Tests cannot resolve *.svc names: the Service port is where the fixture listens on loopback.
    resolveUrl: ({ port, path }) => new URL(`http://127.0.0.1:${port}${path}`),
    settings: { debounceMs: 20, endpointsSettleMs: 50, retryInitialDelayMs: 50, retryMaxDelayMs: 200 },
    ...options,
  });
  cleanups.push(
    () => catalogue.close(),
    () => discovery.close(),
  );
  await discovery.start();
  return { catalogue, discovery };
}

const toolNames = (catalogue: ToolCatalogue) => offeredToolNames(catalogue).sort();
const hasTools =
  (catalogue: ToolCatalogue, ...names: string[]) =>
  () =>
    names.every((name) => toolNames(catalogue).includes(name));
const watchRequests = () => api.requests.filter((request) => request.watch && request.resource === 'services');
const listRequests = () => api.requests.filter((request) => !request.watch && request.resource === 'services');

describe('Kubernetes discovery of MCP servers', () => {
  it('lists labelled Services at start and adds Services as they appear', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha), required: true }));
    api.apply('services', { metadata: { name: 'unlabelled', namespace: NAMESPACE }, spec: { ports: [{ port: 1 }] } });
    const { catalogue, discovery } = await startDiscovery();

    expect(discovery.servers()).toEqual([
      { name: 'alpha', url: new URL(`http://127.0.0.1:${portOf(alpha)}/mcp`), required: true },
    ]);
    expect(listRequests()[0]).toMatchObject({ namespace: NAMESPACE, labelSelector: SELECTOR });
    expect(discovery.isSynced()).toBe(true);
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha tools');
    expect(catalogue.isReady()).toBe(true);

    api.apply('services', mcpService({ name: 'beta-svc', serverName: 'beta', port: portOf(beta) }));
    await waitFor(hasTools(catalogue, 'alpha_echo', 'beta_echo'), 5_000, 'beta tools');
    expect(catalogue.servers().map((server) => server.name)).toEqual(['alpha', 'beta']);
    const result = await catalogue.call('beta_echo', { text: 'hello' });
    expect(result.structuredContent).toEqual({ text: 'hello' });
  });

  it('reconnects a Service whose port changed and drops a deleted one', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    api.apply('services', mcpService({ name: 'beta', port: portOf(beta) }));
    const { catalogue, discovery } = await startDiscovery();
    await waitFor(hasTools(catalogue, 'alpha_echo', 'beta_echo'), 5_000, 'first tools');

    api.apply('services', mcpService({ name: 'beta', port: portOf(betaV2) }));
    await waitFor(hasTools(catalogue, 'beta_new'), 5_000, 'beta v2 tools');
    expect(discovery.servers().find((server) => server.name === 'beta')?.url.port).toBe(String(portOf(betaV2)));

    api.remove('services', NAMESPACE, 'alpha');
    await waitFor(() => !catalogue.entries().some((entry) => entry.server === 'alpha'), 5_000, 'alpha gone');
    expect(toolNames(catalogue)).toEqual(['beta_echo', 'beta_new']);
    expect(catalogue.servers().map((server) => server.name)).toEqual(['beta']);
  });

  it('reconnects a Service whose path changed', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha), path: '/wrong' }));
    const { catalogue } = await startDiscovery();
    await waitFor(() => catalogue.servers()[0]?.state === 'down', 5_000, 'alpha down on a wrong path');

    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha), path: '/mcp' }));
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha up on /mcp');
  });

  it('resumes a watch the API server closed, from the last resourceVersion (no relist)', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    const { catalogue } = await startDiscovery();
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha tools');
    const watchesBefore = watchRequests().length;
    const lastVersion = watchRequests().at(-1)?.resourceVersion;

    api.closeWatches();
    await waitFor(() => watchRequests().length > watchesBefore && api.openWatches() > 0, 5_000, 'a new watch');
    expect(watchRequests().at(-1)?.resourceVersion).toBe(lastVersion);

    api.apply('services', mcpService({ name: 'beta', port: portOf(beta) }));
    await waitFor(hasTools(catalogue, 'alpha_echo', 'beta_echo'), 5_000, 'beta after the watch was reopened');
    expect(listRequests()).toHaveLength(1);
  });

  it.each(['http', 'event'] as const)(
    'relists after 410 Gone (%s) and catches up with missed changes',
    async (style) => {
      api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
      const { catalogue } = await startDiscovery();
      await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha tools');

      // Changes the watch never delivers, then history compacted: only a relist can see them.
      api.remove('services', NAMESPACE, 'alpha', { silent: true });
      api.apply('services', mcpService({ name: 'beta', port: portOf(beta) }), { silent: true });
      api.compact(style);
      api.closeWatches();

      await waitFor(() => listRequests().length === 2, 5_000, 'a relist');
      await waitFor(
        () =>
          toolNames(catalogue).join() === 'beta_echo' && catalogue.entries().every((entry) => entry.server === 'beta'),
        5_000,
        'state after the relist',
      );
      // And the watch after the relist still delivers.
      api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
      await waitFor(hasTools(catalogue, 'alpha_echo', 'beta_echo'), 5_000, 'alpha back through the new watch');
    },
  );

  it('keeps the last known servers while the API server is down, and catches up when it is back', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    const { catalogue, discovery } = await startDiscovery();
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha tools');
    const requestsBefore = api.requests.length;

    await api.stop();
    api.apply('services', mcpService({ name: 'beta', port: portOf(beta) }));
    await new Promise((resolve) => setTimeout(resolve, 600)); // several failed retries (50-200 ms backoff)
    expect(api.requests.length).toBe(requestsBefore);
    expect(discovery.servers().map((server) => server.name)).toEqual(['alpha']);
    expect(toolNames(catalogue)).toEqual(['alpha_echo']);
    const result = await catalogue.call('alpha_echo', { text: 'still here' });
    expect(result.isError).toBeFalsy();

    await api.restart();
    await waitFor(hasTools(catalogue, 'alpha_echo', 'beta_echo'), 5_000, 'beta after the API came back');
  });

  it('keeps retrying when the API server is unreachable at startup', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    await api.stop();
    const { catalogue, discovery } = await startDiscovery();
    expect(discovery.servers()).toEqual([]);
    expect(discovery.isSynced()).toBe(false); // so /readyz can say "not ready" rather than "no tools"

    await api.restart();
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha after the API came up');
    expect(discovery.isSynced()).toBe(true);
  });

  it('ignores Services it cannot use, and a second Service claiming a taken name', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    api.apply('services', mcpService({ name: 'alpha-copy', serverName: 'alpha', port: portOf(beta) }));
    api.apply('services', mcpService({ name: 'bad', serverName: 'Not A Name', port: portOf(beta) }));
    api.apply('services', mcpService({ name: 'evil', port: portOf(beta), path: '@attacker.example/mcp' }));
    const registry = new Registry();
    const { discovery } = await startDiscovery({ registry });
    expect(discovery.servers().map((server) => [server.name, server.url.port])).toEqual([
      ['alpha', String(portOf(alpha))],
    ]);
    // The conflict is reported where operators look (a metric, /readyz), and the first Service keeps the name.
    expect(discovery.conflicts()).toEqual([{ server: 'alpha', kept: 'alpha', refused: ['alpha-copy'] }]);
    expect(await registry.getSingleMetricAsString('host_discovery_name_conflicts')).toMatch(
      /^host_discovery_name_conflicts 1$/m,
    );
    const worker = createWorkerApp({
      catalogue: { isReady: () => true, servers: () => [] },
      isTakingJobs: () => true,
      registry,
      discoveryConflicts: () => discovery.conflicts(),
    });
    const http = worker.app.listen(0, '127.0.0.1');
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    await once(http, 'listening');
    const readyz = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/readyz`);
    expect(readyz.status).toBe(200);
    expect(((await readyz.json()) as { conflicts: unknown }).conflicts).toEqual([
      { server: 'alpha', kept: 'alpha', refused: ['alpha-copy'] },
    ]);
  });

  it('re-reads a server’s tools when its EndpointSlice changes (a rollout)', async () => {
    api.apply('services', mcpService({ name: 'alpha', port: portOf(alpha) }));
    api.apply('endpointslices', endpointSlice({ service: 'alpha', podIps: ['10.0.0.1'], port: 3101 }));
    const refreshed: (string | undefined)[] = [];
    const catalogue = createTestCatalogue([]);
    cleanups.push(() => catalogue.close());
    await catalogue.start();
    const { discovery } = await startDiscovery({
      catalogue: {
        setServers: (servers) => catalogue.setServers(servers),
        refresh: (server) => {
          refreshed.push(server);
          return catalogue.refresh(server);
        },
      },
    });
    await waitFor(hasTools(catalogue, 'alpha_echo'), 5_000, 'alpha tools');
    expect(refreshed).toEqual([]); // the initial list is not a change
    expect(api.requests.some((request) => request.resource === 'endpointslices' && request.watch)).toBe(true);

    // Pods replaced one by one: one re-read after they settle, not one per step.
    api.apply('endpointslices', endpointSlice({ service: 'alpha', podIps: ['10.0.0.1', '10.0.0.2'], port: 3101 }));
    api.apply('endpointslices', endpointSlice({ service: 'alpha', podIps: ['10.0.0.2'], port: 3101 }));
    await waitFor(() => refreshed.length > 0, 5_000, 'a refresh');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(refreshed).toEqual(['alpha']);
    expect(discovery.servers()).toHaveLength(1);
  });
});
