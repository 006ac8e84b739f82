import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Builds the console into `dist/`: `index.html` (no inline script or style, so it runs under the host's
 * Content-Security-Policy as it is), `console.js` (one minified bundle) and `console.css`.
 */
const src = (file: string) => new URL(`../src/${file}`, import.meta.url).pathname;
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).pathname;

mkdirSync(dist(''), { recursive: true });
await build({
  entryPoints: { console: src('main.ts') },
  outdir: dist(''),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: { console: src('console.css') },
  outdir: dist(''),
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
copyFileSync(src('index.html'), dist('index.html'));
