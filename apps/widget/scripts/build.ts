import { build } from 'esbuild';

/** Bundles the widget into one minified classic script, `dist/widget.js`. */
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/widget.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
});
