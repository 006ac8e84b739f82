import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

/**
 * The environment variables a workspace's code can read: the keys of its zod environment schemas
 * (`const EnvSchema = z.object({ PORT: … })`, as every settings loader has one) and every `env.NAME` /
 * `process.env.NAME` access, in its own `src/` and in the `src/` of the workspaces it depends on (the kit's
 * settings, the database CLI's DATABASE_URL). A deployment file that sets a name outside this set sets it for
 * nobody: a typo, or a setting the code no longer has.
 */
export function envNamesRead(workspace: string): Set<string> {
  const names = new Set<string>();
  for (const folder of workspaceClosure(workspace)) {
    for (const file of typeScriptFiles(join(REPO_ROOT, folder, 'src'))) {
      for (const name of envNamesIn(readFileSync(file, 'utf8'))) names.add(name);
    }
  }
  return names;
}

/** The names one source file reads (exported for the checker's own test). */
export function envNamesIn(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.push(match[1] as string);
  for (const match of source.matchAll(/\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) names.push(match[1] as string);
  for (const block of source.matchAll(/EnvSchema = z\.object\(\{([\s\S]*?)\n\}\)/g)) {
    for (const key of (block[1] as string).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)) names.push(key[1] as string);
  }
  return names;
}

/** The workspace and, transitively, the workspaces its production dependencies name (`@shopchat/*`). */
function workspaceClosure(workspace: string): string[] {
  const byName = workspacesByPackageName();
  const seen = new Set<string>();
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency);
    }
  };
  visit(workspace);
  return [...seen];
}

function workspacesByPackageName(): Map<string, string> {
  const map = new Map<string, string>();
  for (const parent of ['apps', 'packages', 'services', 'tools']) {
    for (const name of readdirSync(join(REPO_ROOT, parent))) {
      try {
        const manifest = JSON.parse(readFileSync(join(REPO_ROOT, parent, name, 'package.json'), 'utf8'));
        map.set(manifest.name, `${parent}/${name}`);
      } catch {
        // not a workspace
      }
    }
  }
  return map;
}

function typeScriptFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
