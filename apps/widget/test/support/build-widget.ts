import { fileURLToPath } from 'node:url';

export { buildWidget } from '@shopchat/product-harness/widget';

export const WIDGET_JS = fileURLToPath(new URL('../../dist/widget.js', import.meta.url));
export const DEMO_PAGE = fileURLToPath(new URL('../../src/demo-page.html', import.meta.url));
