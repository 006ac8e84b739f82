import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../src/read-repo-file.ts';

const dockerfile = readRepoFile('docker/Dockerfile');
const arg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)$`, 'm').exec(dockerfile)?.[1];

describe('docker/Dockerfile', () => {
  it('prunes with the turbo the repository pins', () => {
    const rootManifest = JSON.parse(readRepoFile('package.json'));
    expect(arg('TURBO_VERSION')).toBe(rootManifest.devDependencies.turbo);
  });

  it('builds and runs on the Node major the repository uses, distroless and non-root at runtime', () => {
    const major = readRepoFile('.nvmrc').trim();
    expect(arg('BUILD_IMAGE')).toBe(`node:${major}-bookworm-slim`);
    expect(arg('RUNTIME_IMAGE')).toBe(`gcr.io/distroless/nodejs${major}-debian12:nonroot`);
    expect(dockerfile).toMatch(/^USER 65532:65532$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts --workspace "\$\{WORKSPACE\}"/);
  });

  it('ships no tests, benchmarks or local files (.dockerignore)', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const pattern of ['**/node_modules', '**/test', '**/bench', '.git', '.env', '**/dist']) {
      expect(ignored).toContain(pattern);
    }
  });
});
