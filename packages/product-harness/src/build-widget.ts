export { buildWidget } from './build-app.ts';
