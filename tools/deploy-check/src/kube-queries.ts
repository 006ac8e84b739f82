import type { KubeObject } from './render-overlay.ts';

/** Whether `selector.matchLabels` selects an object with these labels (an empty selector selects all). */
export function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
) {
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

export function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** The labels of a Deployment's pods. */
export function podLabels(deployment: KubeObject): Record<string, string> {
  return deployment.spec.template.metadata.labels;
}

/** The rules of one direction from every NetworkPolicy that selects these pods. */
export function policyRules(objects: KubeObject[], labels: Record<string, string>, direction: 'ingress' | 'egress') {
  return ofKind(objects, 'NetworkPolicy')
    .filter((policy) => selects(policy.spec.podSelector, labels))
    .flatMap((policy) =>
      // biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy rules as rendered.
      (policy.spec[direction] ?? []).map((rule: any) => ({ policy: policy.metadata.name, rule })),
    );
}
