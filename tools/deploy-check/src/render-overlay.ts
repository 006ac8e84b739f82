import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './repo-root.ts';

/** A rendered Kubernetes object, as plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: objects of every kind; the schema test checks their shape.
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The overlays CI renders and checks. */
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** `KUBECTL` if set, else kubectl on PATH: its built-in kustomize renders the overlays. */
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** Whether kubectl with kustomize can run here (CI installs it; see .ci/run). */
export function kubectlAvailable(): boolean {
  try {
    execFileSync(KUBECTL, ['kustomize', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize k8s/overlays/<overlay>`, parsed; throws with kustomize's own message when it fails. */
export function renderOverlay(overlay: Overlay): KubeObject[] {
  const yaml = execFileSync(KUBECTL, ['kustomize', join(REPO_ROOT, 'k8s', 'overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(yaml).map((document) => {
    if (document.errors.length > 0) throw new Error(`rendered YAML is invalid: ${document.errors[0]?.message}`);
    return document.toJSON() as KubeObject;
  });
}
