import { describe, expect, it } from 'vitest';
import { deployableOfImage } from '../src/deployables.ts';
import { envNamesRead } from '../src/env-names-read.ts';
import { ofKind, podLabels, policyRules, selects } from '../src/kube-queries.ts';
import { numberInCode, stringInCode } from '../src/read-repo-file.ts';
import { KUBECTL, type KubeObject, kubectlAvailable, OVERLAYS, renderOverlay } from '../src/render-overlay.ts';
import { requireTool } from '../src/require-tool.ts';

const run = requireTool(KUBECTL, kubectlAvailable(), 'kubectl (.ci/run installs it when missing)');

/** The host's longest turn, in seconds, as the code has it. */
const TURN_SECONDS = numberInCode('apps/host/src/turn', 'maxTurnDurationMs') / 1000;
const DISCOVERY = 'apps/host/src/discovery/service-to-mcp-server.ts';
const MCP_PATH_ANNOTATION = stringInCode(DISCOVERY, 'MCP_PATH_ANNOTATION');
const SERVER_NAME_LABEL = stringInCode(DISCOVERY, 'SERVER_NAME_LABEL');
const MCP_PORT_NAME = stringInCode(DISCOVERY, 'MCP_PORT_NAME');
const [SELECTOR_KEY, SELECTOR_VALUE] = stringInCode(
  'apps/host/src/discovery/load-discovery-config.ts',
  'DEFAULT_DISCOVERY_LABEL_SELECTOR',
).split('=') as [string, string];
const isMcpServer = (labels: Record<string, string> = {}) => labels[SELECTOR_KEY] === SELECTOR_VALUE;
const isHost = (labels: Record<string, string>) => labels['app.kubernetes.io/name'] === 'host';

describe.runIf(run).each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  const objects: KubeObject[] = run ? renderOverlay(overlay) : [];
  const deployments = ofKind(objects, 'Deployment');
  const named = (kind: string, name: string) =>
    objects.find((object) => object.kind === kind && object.metadata.name === name);

  it('has a Deployment for every deployable, the host API and worker apart', () => {
    const names = deployments.map((deployment) => deployment.metadata.name).sort();
    expect(names).toEqual(expect.arrayContaining(['docs', 'host-api', 'host-worker', 'orders', 'products']));
    expect(named('Deployment', 'host-api')?.spec.template.spec.containers[0].args).toEqual(['src/main-api.ts']);
    expect(named('Deployment', 'host-worker')?.spec.template.spec.containers[0].args).toEqual(['src/main-worker.ts']);
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: probes, resources, security, termination',
    (_, deployment) => {
      const pod = deployment.spec.template.spec;
      expect(pod.containers).toHaveLength(1);
      const [container] = pod.containers;
      const httpPort = container.ports.find((port: { name: string }) => port.name === 'http');
      expect(httpPort, 'a container port named http').toBeDefined();
      expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      for (const kind of ['requests', 'limits']) {
        expect(container.resources[kind], kind).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      }
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.image, 'an explicit tag').toMatch(/:[\w.-]+$/);
      expect(container.image).not.toMatch(/:latest$/);
      // The kubelet's preStop pause, then the process's own shutdown, both inside the grace period.
      const preStop = container.lifecycle.preStop.sleep.seconds;
      const shutdownMs = Number(envValue(objects, container, 'SHUTDOWN_GRACE_MS') ?? 15_000);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdownMs / 1000);
      if (isHost(podLabels(deployment))) {
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(TURN_SECONDS);
        expect(shutdownMs / 1000).toBeGreaterThanOrEqual(TURN_SECONDS);
      }
      // Spread over zones and nodes, counting only this Deployment's pods.
      const spread = pod.topologySpreadConstraints ?? [];
      expect(spread.map((constraint: { topologyKey: string }) => constraint.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const constraint of spread) expect(selects(constraint.labelSelector, podLabels(deployment))).toBe(true);
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: one autoscaler and a disruption budget',
    (name, deployment) => {
      const hpas = ofKind(objects, 'HorizontalPodAutoscaler').filter(
        (hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === name,
      );
      const scaledObjects = ofKind(objects, 'ScaledObject').filter((so) => so.spec.scaleTargetRef.name === name);
      expect(hpas.length + scaledObjects.length, 'exactly one autoscaler').toBe(1);
      for (const hpa of hpas) {
        expect(hpa.spec.metrics).toContainEqual({
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } },
        });
      }
      for (const so of scaledObjects) {
        expect(so.spec.triggers.map((trigger: { type: string }) => trigger.type).sort()).toEqual(['cpu', 'redis']);
      }
      const budgets = ofKind(objects, 'PodDisruptionBudget').filter((pdb) =>
        selects(pdb.spec.selector, podLabels(deployment)),
      );
      expect(budgets, 'exactly one PodDisruptionBudget').toHaveLength(1);
    },
  );

  it('scales the worker on the turn queue where KEDA runs (prod), on CPU elsewhere', () => {
    const scaledObject = named('ScaledObject', 'host-worker');
    if (overlay !== 'prod') return void expect(scaledObject).toBeUndefined();
    const redis = scaledObject?.spec.triggers.find((trigger: { type: string }) => trigger.type === 'redis');
    // BullMQ keeps waiting jobs in `<prefix>:<queue>:wait`; the host's prefix and queue name, from the code.
    const queue = stringInCode('apps/host/src', 'TURN_QUEUE');
    expect(redis.metadata.listName).toBe(`shopchat:host:bull:${queue}:wait`);
    expect(named('HorizontalPodAutoscaler', 'host-worker')).toBeUndefined();
  });

  it('labels the MCP Services for discovery, with the MCP path annotation and an `mcp` port', () => {
    const services = ofKind(objects, 'Service').filter((service) => isMcpServer(service.metadata.labels));
    expect(services.map((service) => service.metadata.name).sort()).toEqual(['docs', 'orders', 'products']);
    for (const service of services) {
      expect(service.metadata.annotations?.[MCP_PATH_ANNOTATION]).toBe('/mcp');
      expect(service.metadata.labels?.[SERVER_NAME_LABEL]).toBe(service.metadata.name);
      expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(MCP_PORT_NAME);
    }
    const host = named('ConfigMap', configMapOf(named('Deployment', 'host-worker'), 'host-config'));
    expect(host?.data?.MCP_DISCOVERY).toBe('kubernetes');
  });

  it('lets the host worker list and watch Services and EndpointSlices in its namespace, and nothing else', () => {
    const role = named('Role', 'host-discovery');
    expect(role?.spec).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: Role rules as rendered.
    const rules = (role as any).rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    expect(rules).toHaveLength(2);
    const rule = (group: string, resource: string) =>
      rules.find((r) => r.apiGroups.includes(group) && r.resources.includes(resource));
    for (const [group, resource] of [
      ['', 'services'],
      ['discovery.k8s.io', 'endpointslices'],
    ] as const) {
      expect(rule(group, resource)?.verbs).toEqual(expect.arrayContaining(['list', 'watch']));
      expect(rule(group, resource)?.verbs.every((verb) => ['get', 'list', 'watch'].includes(verb))).toBe(true);
    }
    // biome-ignore lint/suspicious/noExplicitAny: RoleBinding as rendered.
    const binding = named('RoleBinding', 'host-discovery') as any;
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'host-discovery' });
    for (const name of ['host-worker']) {
      const account = named('Deployment', name)?.spec.template.spec.serviceAccountName;
      // kustomize adds the overlay's namespace to the subject: the role's own namespace.
      expect(binding.subjects).toContainEqual({
        kind: 'ServiceAccount',
        name: account,
        namespace: `shopchat${overlay === 'dev' ? '-dev' : ''}`,
      });
    }
    for (const deployment of deployments.filter((d) => d.metadata.name !== 'host-worker')) {
      expect(deployment.spec.template.spec.automountServiceAccountToken, deployment.metadata.name).toBe(false);
    }
  });

  it('commits no secret: no Secret object, no key material, every secret referenced by name', () => {
    for (const secret of ofKind(objects, 'Secret')) {
      expect(secret.data ?? {}, secret.metadata.name).toEqual({});
      expect(secret.stringData ?? {}, secret.metadata.name).toEqual({});
    }
    expect(JSON.stringify(objects)).not.toMatch(/PRIVATE KEY|sk-ant-/);
    for (const map of ofKind(objects, 'ConfigMap')) {
      for (const key of Object.keys(map.data ?? {})) expect(key).not.toMatch(/TOKEN|SECRET|PRIVATE|PASSWORD|API_KEY/);
    }
  });

  it('denies all traffic by default', () => {
    const policy = named('NetworkPolicy', 'default-deny');
    expect(policy?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('lets only the host worker (and Prometheus, for /metrics) open connections to the MCP servers', () => {
    for (const deployment of deployments.filter((d) => isMcpServer(podLabels(d)))) {
      const rules = policyRules(objects, podLabels(deployment), 'ingress');
      expect(rules.length).toBeGreaterThan(0);
      for (const { policy, rule } of rules) {
        expect(rule.from?.length, `${policy}: a rule open to every peer`).toBeGreaterThan(0);
        for (const peer of rule.from) {
          const labels = peer.podSelector?.matchLabels ?? {};
          const fromHost =
            !peer.namespaceSelector &&
            !peer.ipBlock &&
            isHost(labels) &&
            labels['app.kubernetes.io/component'] === 'worker';
          const prometheus =
            peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring' &&
            peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus';
          expect(fromHost || prometheus, `${policy}: ${JSON.stringify(peer)}`).toBe(true);
        }
        expect(rule.ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
      }
    }
  });

  it('lets the host reach only the MCP servers, Redis, its PostgreSQL, the LLM API, the Kubernetes API and DNS', () => {
    const allowedPorts = new Set(['http', 53, 6379, 5432, 443, 6443]);
    for (const name of ['host-api', 'host-worker']) {
      const rules = policyRules(objects, podLabels(named('Deployment', name) as KubeObject), 'egress');
      for (const { policy, rule } of rules) {
        expect(rule.ports?.length, `${policy}: a rule open on every port`).toBeGreaterThan(0);
        for (const port of rule.ports) expect(allowedPorts.has(port.port), `${policy}: port ${port.port}`).toBe(true);
        for (const peer of rule.to ?? []) {
          const labels = peer.podSelector?.matchLabels ?? {};
          const known =
            isMcpServer(labels) ||
            labels['app.kubernetes.io/name'] === 'model-sim' ||
            labels['app.kubernetes.io/name'] === 'redis' ||
            labels['k8s-app'] === 'kube-dns' ||
            peer.ipBlock !== undefined;
          expect(known, `${policy}: ${JSON.stringify(peer)}`).toBe(true);
        }
        // An MCP server or model-sim is reached on its http port only, Redis on 6379; PostgreSQL's port (the
        // conversation record) only by a rule of its own, which names no other port.
        if (rule.ports.some((port: { port: unknown }) => port.port === 5432)) {
          expect(rule.ports, policy).toEqual([{ protocol: 'TCP', port: 5432 }]);
        }
        const peers: { podSelector?: { matchLabels?: Record<string, string> } }[] = rule.to ?? [];
        const toRedis = peers.some((peer) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'redis');
        if (peers.some((peer) => peer.podSelector)) {
          const allowed = toRedis ? [6379] : ['http', 53];
          expect(rule.ports.every((port: { port: unknown }) => allowed.includes(port.port as never))).toBe(true);
        }
      }
      expect(rules.some(({ rule }) => rule.ports.some((port: { port: unknown }) => port.port === 6379))).toBe(true);
      expect(rules.some(({ rule }) => rule.ports.some((port: { port: unknown }) => port.port === 5432))).toBe(true);
    }
  });

  it('sets only variables the code of each workload reads (env and its ConfigMaps)', () => {
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      const read = envNamesRead(deployableOfImage(container.image)?.workspace as string);
      const names = [
        ...(container.env ?? []).map((entry: { name: string }) => entry.name),
        ...(container.envFrom ?? []).flatMap((entry: { configMapRef?: { name: string } }) =>
          Object.keys(named('ConfigMap', entry.configMapRef?.name as string)?.data ?? { '(missing ConfigMap)': '' }),
        ),
      ];
      expect(
        names.filter((name) => !read.has(name)),
        deployment.metadata.name,
      ).toEqual([]);
    }
  });

  it('gives each workload the image of its deployable', () => {
    for (const deployment of deployments) {
      const image = deployment.spec.template.spec.containers[0].image;
      const deployable = deployableOfImage(image);
      expect(deployable, image).toBeDefined();
      const name = deployment.metadata.name;
      expect(name.startsWith(deployable?.image as string), `${name} runs ${image}`).toBe(true);
    }
  });
});

/** The name (with kustomize's hash) of the ConfigMap a Deployment reads, by its base name. */
function configMapOf(deployment: KubeObject | undefined, base: string): string {
  const refs = deployment?.spec.template.spec.containers[0].envFrom ?? [];
  const ref = refs.find((entry: { configMapRef?: { name: string } }) =>
    entry.configMapRef?.name.startsWith(`${base}-`),
  );
  return ref?.configMapRef.name ?? base;
}

/** A variable's value for a container: its own env, else the ConfigMaps it reads. */
// biome-ignore lint/suspicious/noExplicitAny: container as rendered.
function envValue(objects: KubeObject[], container: any, name: string): string | undefined {
  const own = container.env?.find((entry: { name: string }) => entry.name === name);
  if (own) return own.value;
  for (const entry of container.envFrom ?? []) {
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === entry.configMapRef?.name);
    if (map?.data?.[name] !== undefined) return map.data[name];
  }
  return undefined;
}
