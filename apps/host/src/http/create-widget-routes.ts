import { fileURLToPath } from 'node:url';
import { type Request, type Response, Router } from 'express';

/** The widget's folder, read from disk by path: the host serves its files and never imports its code. */
const WIDGET_DIR = fileURLToPath(new URL('../../../widget/', import.meta.url));

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
  router.get('/widget.js', send('dist/widget.js', 'text/javascript'));
  router.get('/', send('src/demo-page.html', 'html'));
  const tokens = options.demoTokens;
  if (tokens) router.get('/demo-tokens.json', (_req, res) => void res.set('cache-control', 'no-store').json(tokens));
  return router;
}
