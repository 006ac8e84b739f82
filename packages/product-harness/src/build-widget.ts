import { fileURLToPath } from 'node:url';

export { buildWidget } from './build-app.ts';

/** The built widget and the demo shop page it is shown on, by path (a package never imports an app). */
export const WIDGET_JS = fileURLToPath(new URL('../../../apps/widget/dist/widget.js', import.meta.url));
export const DEMO_PAGE = fileURLToPath(new URL('../../../apps/widget/src/demo-page.html', import.meta.url));
