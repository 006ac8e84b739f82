import { describe, expect, it } from 'vitest';
import { KUBECTL, kubectlAvailable, OVERLAYS, renderOverlay } from '../src/render-overlay.ts';
import { requireTool } from '../src/require-tool.ts';
import { kubeObjectProblem } from '../src/validate-kube-object.ts';

const run = requireTool(KUBECTL, kubectlAvailable(), 'kubectl (.ci/run installs it when missing)');

describe.runIf(run).each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  it('renders with kubectl kustomize, and every object is valid against its Kubernetes or CRD schema', () => {
    const objects = renderOverlay(overlay);
    expect(objects.length).toBeGreaterThan(20);
    const problems = objects
      .map((object) => ({ object: `${object.kind}/${object.metadata.name}`, problem: kubeObjectProblem(object) }))
      .filter((entry) => entry.problem !== undefined);
    expect(problems).toEqual([]);
  });
});
