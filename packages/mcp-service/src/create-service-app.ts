import express, { type Express } from 'express';

/**
 * The express app every HTTP process of the product starts from: no framework banner, no ETags (answers are
 * live, never cached by validators), and `/healthz` for the liveness probe, which only says the process runs.
 * Readiness differs per process, so each adds its own `/readyz`.
 */
export function createServiceApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return app;
}
