import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { ConfigError } from '@shopchat/mcp-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKubeConfig } from '../../src/discovery/load-kube-config.ts';
import { mcpService } from './support/kubernetes-objects.ts';
import { type FakeKubernetesApi, startFakeKubernetesApi } from './support/start-fake-kubernetes-api.ts';

let api: FakeKubernetesApi;
let dir: string;

beforeEach(async () => {
  api = await startFakeKubernetesApi();
  dir = await mkdtemp(join(tmpdir(), 'kubeconfig-'));
});

afterEach(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('loadKubeConfig', () => {
  it('outside a pod, reads KUBECONFIG (a developer running the host against a cluster)', async () => {
    const file = join(dir, 'config');
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: fake\n  cluster:\n    server: ${api.url}\n    insecure-skip-tls-verify: true`,
        'users:',
        '- name: dev\n  user:\n    token: dev-token',
        'contexts:',
        '- name: fake\n  context:\n    cluster: fake\n    user: dev',
        'current-context: fake',
      ].join('\n'),
    );
    api.apply('services', mcpService({ name: 'orders', port: 3101 }));
    const kubeConfig = loadKubeConfig({ KUBECONFIG: file });
    const list = await kubeConfig.makeApiClient(CoreV1Api).listNamespacedService({ namespace: 'shop' });
    expect(list.items.map((service) => service.metadata?.name)).toEqual(['orders']);
  });

  it('refuses to run discovery with neither a pod nor a KUBECONFIG, or with a broken one', async () => {
    expect(() => loadKubeConfig({})).toThrow(ConfigError);
    expect(() => loadKubeConfig({})).toThrow(
      /not in a pod \(KUBERNETES_SERVICE_HOST is unset\) and KUBECONFIG is unset/,
    );
    const file = join(dir, 'broken');
    await writeFile(file, 'clusters: [[[');
    expect(() => loadKubeConfig({ KUBECONFIG: file })).toThrow(/^KUBECONFIG names a file/);
  });
});
