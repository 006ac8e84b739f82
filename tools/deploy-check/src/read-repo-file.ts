import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

/** A file of the repository, by its path from the root. */
export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/**
 * A numeric constant as the code writes it (`maxTurnDurationMs: 120_000` or `HOST_PORT = 3000`) in a file or, for a
 * folder, in the first of its TypeScript files that states it: the deployment files are checked against the value
 * the code uses rather than a copy of it, wherever a refactoring moves it.
 */
export function numberInCode(path: string, name: string): number {
  return Number(constantInCode(path, name, '([0-9_]+)\\b').replaceAll('_', ''));
}

/** A string constant as the code writes it (`MCP_PATH_ANNOTATION = 'shopchat.dev/mcp-path'`); see numberInCode. */
export function stringInCode(path: string, name: string): string {
  return constantInCode(path, name, "'([^']*)'");
}

function constantInCode(path: string, name: string, value: string): string {
  const pattern = new RegExp(`\\b${name}\\s*[:=]\\s*${value}`);
  for (const file of sourceFiles(path)) {
    const match = pattern.exec(readRepoFile(file));
    if (match) return match[1] as string;
  }
  throw new Error(`${path} no longer states ${name} as a constant`);
}

/** The TypeScript files of a file or folder (recursively), by their paths from the root. */
export function sourceFiles(path: string): string[] {
  if (!statSync(join(REPO_ROOT, path)).isDirectory()) return [path];
  return readdirSync(join(REPO_ROOT, path))
    .sort()
    .flatMap((entry) => (entry.endsWith('.ts') || !entry.includes('.') ? sourceFiles(`${path}/${entry}`) : []));
}
