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
  networks?: string[];
}

/** docker-compose.yml as compose reads it (YAML merge keys resolved). */
export function loadCompose(): {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
} {
  return parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/** What the `local-secrets` step writes: each env file's variables (name → value), and Redis's ACL file. */
export interface LocalSecrets {
  envFiles: Map<string, Record<string, string>>;
  redisAcl: string;
}

/** Runs the real step (docker/compose/make-local-secrets.ts) into a temporary folder and reads what it wrote. */
export function makeLocalSecrets(): LocalSecrets {
  const dir = mkdtempSync(join(tmpdir(), 'local-secrets-'));
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'docker/compose/make-local-secrets.ts'), dir], {
      env: { PATH: process.env.PATH },
      stdio: 'ignore',
    });
    const envFiles = new Map(
      readdirSync(dir)
        .filter((file) => file.endsWith('.env'))
        .map((file) => [
          file,
          Object.fromEntries(
            readFileSync(join(dir, file), 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 2, -1)]),
          ),
        ]),
    );
    return { envFiles, redisAcl: readFileSync(join(dir, 'redis/users.acl'), 'utf8') };
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
