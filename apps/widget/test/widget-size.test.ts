import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWidget, WIDGET_JS } from '@shopchat/product-harness/widget';
import { expect, test } from 'vitest';

/** The budget from the issue: one script tag must stay light on a shop's page. */
const MAX_GZIPPED_BYTES = 35 * 1024;

test(`dist/widget.js is at most ${MAX_GZIPPED_BYTES} bytes gzipped`, () => {
  buildWidget();
  const source = readFileSync(WIDGET_JS);
  const gzipped = gzipSync(source, { level: 9 }).length;
  console.warn(`widget.js: ${source.length} bytes, ${gzipped} bytes gzipped (budget ${MAX_GZIPPED_BYTES})`);
  expect(gzipped).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
});
