import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const WIDGET_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const WIDGET_JS = fileURLToPath(new URL('../../dist/widget.js', import.meta.url));
export const DEMO_PAGE = fileURLToPath(new URL('../../src/demo-page.html', import.meta.url));

let built = false;

/** Builds `dist/widget.js` once per test process, so tests always measure and run the current source. */
export function buildWidget(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: WIDGET_DIR, stdio: 'inherit' });
  built = true;
}
