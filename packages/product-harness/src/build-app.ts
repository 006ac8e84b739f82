import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The browser apps, reached by path (a package never imports an app): tests run their own build scripts. */
export type BrowserApp = 'widget' | 'console';

const built = new Set<BrowserApp>();

/** Builds `apps/<app>/dist/` once per test process, from the current source. */
export function buildApp(app: BrowserApp): void {
  if (built.has(app)) return;
  execFileSync(process.execPath, ['scripts/build.ts'], {
    cwd: fileURLToPath(new URL(`../../../apps/${app}/`, import.meta.url)),
    stdio: 'inherit',
  });
  built.add(app);
}

/** `apps/widget/dist/widget.js`. */
export const buildWidget = (): void => buildApp('widget');

/** `apps/console/dist/` (the host serves it at `/console/` when it exists at the host's start). */
export const buildConsole = (): void => buildApp('console');
