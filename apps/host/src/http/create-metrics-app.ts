import express, { type Express, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the registry in Prometheus's text format. */
export function serveMetrics(registry: Registry): RequestHandler {
  return async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
}

/**
 * The API's metrics on their own port (`METRICS_PORT`), which only Prometheus reaches: the public port does
 * not tell the internet its traffic, error rates and running turns.
 */
export function createMetricsApp(registry: Registry): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', serveMetrics(registry));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'The metrics port serves only /metrics.' });
  });
  return app;
}
