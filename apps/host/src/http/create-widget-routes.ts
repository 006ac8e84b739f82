import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Request, type Response, Router } from 'express';
import { inlineScriptHashes } from './security-headers.ts';

/** The widget's folder, read from disk by path: the host serves its files and never imports its code. */
const WIDGET_DIR = fileURLToPath(new URL('../../../widget/', import.meta.url));
const DEMO_PAGE = 'src/demo-page.html';

/**
 * `GET /widget.js` (built by `npm run build -w apps/widget`) and the demo shop page at `/`. Demo customer
 * tokens are served only when the launcher asked for them (`SERVE_DEMO_TOKENS=true`), never in a deployment.
 */
export function createWidgetRoutes(options: { dir?: string; demoTokens?: Record<string, string> } = {}): Router {
  const dir = options.dir ?? WIDGET_DIR;
  const router = Router();
  const send = (file: string, type: string) => (_req: Request, res: Response) => {
    res.type(type).set('cache-control', 'no-cache');
    res.sendFile(file, { root: dir }, (error) => {
      if (error && !res.headersSent) {
        res
          .status(404)
          .json({ error: 'not_found', message: 'The widget is not built: run npm run build -w apps/widget.' });
      }
    });
  };
  router.get(
    '/widget.js',
    // Shops embed the widget from their own origin: the one file another origin may load.
    (_req, res, next) => {
      res.set('cross-origin-resource-policy', 'cross-origin');
      next();
    },
    send('dist/widget.js', 'text/javascript'),
  );
  router.get('/', send(DEMO_PAGE, 'html'));
  const tokens = options.demoTokens;
  if (tokens) router.get('/demo-tokens.json', (_req, res) => void res.set('cache-control', 'no-store').json(tokens));
  return router;
}

/** The CSP hashes of the demo page's inline scripts (none when the page is missing). */
export function demoPageScriptHashes(dir: string = WIDGET_DIR): string[] {
  try {
    return inlineScriptHashes(readFileSync(join(dir, DEMO_PAGE), 'utf8'));
  } catch {
    return [];
  }
}
