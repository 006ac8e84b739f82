import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The widget's folder, reached by path (a package never imports an app): tests run its own build script. */
const WIDGET_DIR = fileURLToPath(new URL('../../../apps/widget/', import.meta.url));

let built = false;

/** Builds `apps/widget/dist/widget.js` once per test process, from the current source. */
export function buildWidget(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: WIDGET_DIR, stdio: 'inherit' });
  built = true;
}
