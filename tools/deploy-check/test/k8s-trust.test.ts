import { describe, expect, it } from 'vitest';
import { ofKind } from '../src/kube-queries.ts';
import { canConnect, type Workload, workloads } from '../src/network-reachability.ts';
import { KUBECTL, type KubeObject, kubectlAvailable, OVERLAYS, renderOverlay } from '../src/render-overlay.ts';
import { requireTool } from '../src/require-tool.ts';

const run = requireTool(KUBECTL, kubectlAvailable(), 'kubectl (.ci/run installs it when missing)');
const MCP_SERVERS = ['orders', 'products', 'docs'];
const WORKER_ONLY = ['MCP_IDENTITY_PRIVATE_KEY', 'MCP_SERVICE_TOKEN', 'ANTHROPIC_API_KEY'];

/** The secrets a Deployment's container reads, as `secret/key`, by variable name. */
function secretRefs(deployment: KubeObject | undefined): Record<string, string> {
  const env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] =
    deployment?.spec.template.spec.containers[0].env ?? [];
  return Object.fromEntries(
    env.flatMap((entry) => {
      const ref = entry.valueFrom?.secretKeyRef;
      return ref ? [[entry.name, `${ref.name}/${ref.key}`]] : [];
    }),
  );
}

/**
 * The attacks of decision 0022 on the rendered overlays: take over the internet-facing chat API and look for the
 * identity signing key, or for a route to the MCP servers, Redis's other users or the databases; take over an MCP
 * server and look for a route to another server's database or the host's Redis keys.
 */
describe.runIf(run).each(OVERLAYS)('k8s/overlays/%s: who holds which secret, who reaches whom', (overlay) => {
  const objects: KubeObject[] = run ? renderOverlay(overlay) : [];
  const all = workloads(objects);
  const workload = (name: string) => all.find((w) => w.name === name) as Workload;
  const deployment = (name: string) =>
    ofKind(objects, 'Deployment').find((object) => object.metadata.name === name) as KubeObject;
  const reachers = (target: string) =>
    all
      .filter((w) => w.name !== target && canConnect(objects, w, workload(target)))
      .map((w) => w.name)
      .sort();

  it('gives the chat API no worker secret and no secret it shares with the worker’s or the servers’', () => {
    const api = secretRefs(deployment('host-api'));
    for (const name of WORKER_ONLY) expect(Object.keys(api), name).not.toContain(name);
    expect(Object.keys(api).sort()).toEqual([
      'CONSOLE_JWT_SECRET',
      'CUSTOMER_JWT_SECRET',
      'DATABASE_URL',
      'REDIS_URL',
      'TURN_JOB_SECRET',
    ]);
    const worker = secretRefs(deployment('host-worker'));
    expect(Object.keys(worker)).not.toContain('CUSTOMER_JWT_SECRET');
    expect(Object.keys(worker)).not.toContain('CONSOLE_JWT_SECRET');
    expect(Object.keys(worker)).toEqual(
      expect.arrayContaining([...WORKER_ONLY, 'TURN_JOB_SECRET', 'REDIS_URL', 'DATABASE_URL']),
    );
    // Separate Secret objects: granting the API's service account (or a person) one never reveals the other.
    const secretNames = (refs: Record<string, string>) => new Set(Object.values(refs).map((ref) => ref.split('/')[0]));
    const apiSecrets = secretNames(api);
    for (const other of ['host-worker', ...MCP_SERVERS]) {
      for (const name of secretNames(secretRefs(deployment(other)))) expect(apiSecrets.has(name), other).toBe(false);
    }
    for (const server of MCP_SERVERS) {
      expect(Object.keys(secretRefs(deployment(server)))).not.toContain('MCP_IDENTITY_PRIVATE_KEY');
    }
  });

  it('gives the chat API no Kubernetes API token', () => {
    const pod = deployment('host-api').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    // biome-ignore lint/suspicious/noExplicitAny: RoleBinding as rendered.
    const bindings = ofKind(objects, 'RoleBinding').flatMap((binding) => (binding as any).subjects ?? []);
    expect(bindings.map((subject: { name: string }) => subject.name)).not.toContain(pod.serviceAccountName);
  });

  it('lets only the worker open connections to the MCP servers (and model-sim)', () => {
    for (const server of MCP_SERVERS) expect(reachers(server), server).toEqual(['host-worker']);
    if (overlay === 'dev') expect(reachers('model-sim')).toEqual(['host-worker']);
  });

  it('lets the chat API reach Redis and PostgreSQL and nothing else of the cluster', () => {
    const reached = all.filter((w) => w.name !== 'host-api' && canConnect(objects, workload('host-api'), w));
    expect(reached.map((w) => w.name).sort()).toEqual(overlay === 'dev' ? ['postgres', 'redis'] : []);
    // Both host roles: PostgreSQL's port and nothing else (its address is DATABASE_URL's, in or out of the cluster).
    const record = ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'host-egress-postgres');
    expect(record?.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'host' });
    expect(record?.spec.egress).toEqual([{ ports: [{ protocol: 'TCP', port: 5432 }] }]);
    // Its only egress rule: Redis pods on 6379 (DNS comes from allow-dns).
    const policy = ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'host-api-egress');
    expect(policy?.spec.egress).toHaveLength(1);
    expect(policy?.spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 6379 }]);
    expect(policy?.spec.egress[0].to[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'redis' });
  });

  it('lets the worker reach the internet on 443 only at public addresses', () => {
    const policy = ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'host-worker-egress');
    const publicRule = policy?.spec.egress.find((rule: { to?: { ipBlock?: { cidr: string } }[] }) =>
      rule.to?.some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0'),
    );
    expect(publicRule.ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    expect(publicRule.to[0].ipBlock.except).toEqual(
      expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']),
    );
    // Every egress rule names its peers and ports: none is open to the whole cluster on every port.
    for (const rule of policy?.spec.egress ?? []) {
      expect(rule.to?.length).toBeGreaterThan(0);
      expect(rule.ports?.length).toBeGreaterThan(0);
    }
  });

  it('lets only the host roles and docs reach Redis, and only the MCP servers and the host reach PostgreSQL', () => {
    if (overlay !== 'dev') {
      // Redis and PostgreSQL live outside the overlay: every rule to 6379 names Redis's pods in their namespace.
      for (const policy of ofKind(objects, 'NetworkPolicy')) {
        for (const rule of policy.spec.egress ?? []) {
          if (!rule.ports?.some((port: { port: unknown }) => port.port === 6379)) continue;
          expect(rule.to, policy.metadata.name).toEqual([
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shopchat-data' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis' } },
            },
          ]);
        }
      }
      return;
    }
    expect(reachers('redis')).toEqual(['docs', 'host-api', 'host-worker']);
    expect(reachers('postgres')).toEqual(['docs', 'host-api', 'host-worker', 'orders', 'products']);
    const init = ofKind(objects, 'ConfigMap').find((map) => map.metadata.name.startsWith('postgres-init'));
    expect(init?.data?.['create-databases.sql']).toContain('CREATE DATABASE host;');
  });

  it('runs Redis with users and passwords: an ACL file (dev) and KEDA’s own user (prod)', () => {
    if (overlay === 'dev') {
      const redis = ofKind(objects, 'StatefulSet').find((s) => s.metadata.name === 'redis');
      const [container] = redis?.spec.template.spec.containers ?? [];
      expect(container.args.join(' ')).toContain('--aclfile /etc/redis/users.acl');
      const volume = redis?.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'acl');
      expect(volume.secret.secretName).toBe('redis-acl');
      return;
    }
    const auth = ofKind(objects, 'TriggerAuthentication').find((t) => t.metadata.name === 'host-worker-redis');
    expect(auth?.spec.secretTargetRef.map((ref: { parameter: string }) => ref.parameter).sort()).toEqual([
      'password',
      'username',
    ]);
  });

  it('serves no demo page or demo tokens in production', () => {
    if (overlay !== 'prod') return;
    const values = [
      ...ofKind(objects, 'Deployment').flatMap((d) =>
        (d.spec.template.spec.containers[0].env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value]),
      ),
      ...ofKind(objects, 'ConfigMap').flatMap((map) => Object.entries(map.data ?? {})),
    ];
    for (const [name, value] of values) {
      if (/^SERVE_DEMO/.test(name as string)) expect(value, name as string).not.toBe('true');
    }
  });
  it('gives the internet-facing API the Host names it answers, the proxy it trusts and an internal metrics port', () => {
    // The API refuses to start on 0.0.0.0 without ALLOWED_HOSTS: a page on another name (DNS rebinding) gets 421.
    const api = deployment('host-api');
    const [container] = api.spec.template.spec.containers;
    const maps: string[] = (container.envFrom ?? []).flatMap((from: { configMapRef?: { name: string } }) =>
      from.configMapRef ? [from.configMapRef.name] : [],
    );
    const config = Object.assign(
      {},
      ...ofKind(objects, 'ConfigMap')
        .filter((map) => maps.includes(map.metadata.name))
        .map((map) => map.data ?? {}),
    ) as Record<string, string>;
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.ALLOWED_HOSTS?.split(',').length).toBeGreaterThan(0);
    expect(config.ALLOWED_HOSTS).not.toBe('*');
    expect(config.TRUST_PROXY).toBe('1');
    const metricsPort = container.ports.find((port: { name: string }) => port.name === 'metrics');
    expect(String(metricsPort?.containerPort)).toBe(config.METRICS_PORT);
  });
});
