import { ofKind, selects } from './kube-queries.ts';
import type { KubeObject } from './render-overlay.ts';

/** A pod template as the policies see it: its labels and the ports its containers listen on. */
export interface Workload {
  name: string;
  labels: Record<string, string>;
  ports: { name?: string; containerPort: number }[];
}

/** Every Deployment and StatefulSet of the rendered overlay, as a {@link Workload}. */
export function workloads(objects: KubeObject[]): Workload[] {
  return [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'StatefulSet')].map((object) => ({
    name: object.metadata.name,
    labels: object.spec.template.metadata.labels,
    ports: object.spec.template.spec.containers.flatMap(
      (container: { ports?: Workload['ports'] }) => container.ports ?? [],
    ),
  }));
}

// biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy peers and ports as rendered.
type Rule = { peers?: any[]; ports?: any[] };

/**
 * Whether a pod of `from` may open a connection to a pod of `to` in the same namespace under the overlay's
 * NetworkPolicies: some port of `to` is allowed by an egress rule of a policy selecting `from` (or no Egress policy
 * selects it) and by an ingress rule of a policy selecting `to` (or no Ingress policy selects it). A peer matches a
 * pod by `podSelector` alone (same namespace); `ipBlock` and `namespaceSelector` peers are taken to match no pod of
 * this namespace, which is what the policies mean by them (the internet, the Kubernetes API, other namespaces).
 */
export function canConnect(objects: KubeObject[], from: Workload, to: Workload): boolean {
  const egress = rulesFor(objects, from.labels, 'Egress');
  const ingress = rulesFor(objects, to.labels, 'Ingress');
  return to.ports.some(
    (port) =>
      (egress === undefined || egress.some((rule) => matches(rule, to.labels, port))) &&
      (ingress === undefined || ingress.some((rule) => matches(rule, from.labels, port))),
  );
}

/** The rules of one direction of the policies selecting these pods; undefined when none restricts it. */
function rulesFor(objects: KubeObject[], labels: Record<string, string>, type: 'Ingress' | 'Egress') {
  const policies = ofKind(objects, 'NetworkPolicy').filter(
    (policy) => selects(policy.spec.podSelector, labels) && (policy.spec.policyTypes ?? []).includes(type),
  );
  if (policies.length === 0) return undefined;
  const key = type === 'Ingress' ? 'from' : 'to';
  return policies.flatMap((policy) =>
    (policy.spec[type.toLowerCase()] ?? []).map(
      // biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy rules as rendered.
      (rule: any): Rule => ({ peers: rule[key], ports: rule.ports }),
    ),
  );
}

function matches(rule: Rule, peerLabels: Record<string, string>, port: Workload['ports'][number]): boolean {
  const peerOk =
    rule.peers === undefined ||
    rule.peers.length === 0 ||
    rule.peers.some(
      (peer) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock && selects(peer.podSelector, peerLabels),
    );
  const portOk =
    rule.ports === undefined ||
    rule.ports.length === 0 ||
    rule.ports.some((allowed) => allowed.port === port.containerPort || allowed.port === port.name);
  return peerOk && portOk;
}
