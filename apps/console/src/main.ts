import { PAGES } from './pages/index.ts';
import { startRouter } from './router.ts';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
if (main && nav) startRouter(PAGES, main, nav);
