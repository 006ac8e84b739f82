import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './repo-root.ts';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target: string; args: Record<string, string> };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  cap_drop?: string[];
  volumes?: string[];
}

/** docker-compose.yml as compose reads it (YAML merge keys resolved). */
export function loadCompose(): { services: Record<string, ComposeService> } {
  return parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/**
 * The variables each env file of the `local-secrets` step holds, by running the real step
 * (docker/compose/make-local-secrets.ts) into a temporary folder: `host.env` → its names.
 */
export function localSecretsEnvNames(): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'local-secrets-'));
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'docker/compose/make-local-secrets.ts'), dir], {
      env: { PATH: process.env.PATH },
      stdio: 'ignore',
    });
    return new Map(
      readdirSync(dir).map((file) => [
        file,
        readFileSync(join(dir, file), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.slice(0, line.indexOf('='))),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `docker-compose` (Debian's) if installed: `config -q` parses and checks the file as compose does. */
export function dockerComposeAvailable(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
