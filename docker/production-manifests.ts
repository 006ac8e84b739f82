// Run by docker/Dockerfile on `turbo prune --docker` output: `node docker/production-manifests.ts /out/json`.
//
// turbo prune keeps every workspace the deployable reaches, devDependencies included (test harnesses, model-sim
// for the host's tests), and the root package.json keeps its own dependencies (the `npm start` launcher's). npm
// links any workspace a manifest names, even under --omit=dev, and installs that workspace's dependencies. So
// before `npm ci --omit=dev -w <workspace>` the manifests lose their devDependencies and the root its
// dependencies: npm then installs the production closure alone, still at the lockfile's exact versions.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders that hold workspaces, as in the root package.json's `workspaces`. */
const WORKSPACE_PARENTS = ['apps', 'packages', 'services', 'tools'];

const root = process.argv[2];
if (!root) {
  console.error('usage: node docker/production-manifests.ts <turbo prune out/json folder>');
  process.exit(2);
}

await rewrite(join(root, 'package.json'), (manifest) => {
  delete manifest.dependencies;
  delete manifest.devDependencies;
});
for (const parent of WORKSPACE_PARENTS) {
  const names = await readdir(join(root, parent)).catch(() => []);
  for (const name of names) {
    await rewrite(join(root, parent, name, 'package.json'), (manifest) => {
      delete manifest.devDependencies;
    });
  }
}

async function rewrite(file: string, change: (manifest: Record<string, unknown>) => void): Promise<void> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(manifest);
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
