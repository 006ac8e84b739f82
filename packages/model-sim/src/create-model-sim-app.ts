import { createHash, timingSafeEqual } from 'node:crypto';
import { createServiceApp } from '@shopchat/mcp-service/service-app';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ApiError, apiErrorBody } from './api-error.ts';
import { createLogger } from './create-logger.ts';
import { randomRequestId } from './message-ids.ts';
import { createCountTokensEndpoint, createMessagesEndpoint } from './messages-endpoint.ts';
import { createModelSimMetrics, type ModelSimMetrics } from './model-sim-metrics.ts';
import { createPromptCache, type PromptCacheOptions } from './prompt-cache.ts';
import { createFailureSimulator, FAIL_HEADER } from './simulated-failure.ts';
import { loadWireFixtures, replayWireFixture } from './wire-fixtures.ts';

/** Everything that varies between a test, the launcher and a load benchmark. */
export interface ModelSimOptions {
  /** Milliseconds before the first content event (and added to a non-streamed answer). Default 0. */
  ttftMs?: number;
  /** Output tokens per second for streamed deltas and non-streamed answers; 0 = unlimited. Default 0. */
  tokensPerSecond?: number;
  /** When set, requests must carry it as `x-api-key` (or `Authorization: Bearer`); otherwise 401. */
  apiKey?: string;
  /** Every Nth request answers 529 `overloaded_error`; 0 = never. Default 0. */
  overloadEvery?: number;
  /** Largest request body in bytes; larger gets 413. Default 32 MiB, the real API's limit. */
  bodyLimitBytes?: number;
  /** Prompt-cache simulation: size, minimum cacheable prefix, and its own clock. */
  promptCache?: PromptCacheOptions;
  /** The clock relative dates ("last month") are read against. Default: the system clock. */
  now?: () => Date;
  logger?: Logger;
}

export const MODEL_SIM_DEFAULTS = {
  ttftMs: 0,
  tokensPerSecond: 0,
  overloadEvery: 0,
  bodyLimitBytes: 32 * 1024 * 1024,
} as const satisfies ModelSimOptions;

export interface ModelSimApp {
  app: Express;
  log: Logger;
  metrics: ModelSimMetrics;
  /** From now on `/readyz` answers 503, so a load balancer stops sending requests before shutdown. */
  markDraining(): void;
}

/**
 * Builds the offline model's HTTP app: `POST /v1/messages` (and `/v1/messages/count_tokens`) speaking
 * the Anthropic Messages API, plus `/healthz`, `/readyz` and `/metrics`. Nothing listens yet.
 */
export function createModelSimApp(options: ModelSimOptions = {}): ModelSimApp {
  const ttftMs = checkNonNegative('ttftMs', options.ttftMs ?? MODEL_SIM_DEFAULTS.ttftMs);
  const tokensPerSecond = checkNonNegative(
    'tokensPerSecond',
    options.tokensPerSecond ?? MODEL_SIM_DEFAULTS.tokensPerSecond,
  );
  const overloadEvery = checkNonNegative('overloadEvery', options.overloadEvery ?? MODEL_SIM_DEFAULTS.overloadEvery);
  const bodyLimitBytes = checkNonNegative(
    'bodyLimitBytes',
    options.bodyLimitBytes ?? MODEL_SIM_DEFAULTS.bodyLimitBytes,
  );
  const log = options.logger ?? createLogger();
  const metrics = createModelSimMetrics();
  const simulateFailure = createFailureSimulator(overloadEvery);
  const messages = createMessagesEndpoint({
    pacing: { ttftMs, tokensPerSecond },
    promptCache: createPromptCache(options.promptCache),
    metrics,
    log,
    now: options.now ?? (() => new Date()),
  });

  let draining = false;
  const app = createServiceApp();
  app.get('/readyz', (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    res.json({ status: 'ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const requestId: RequestHandler = (_req, res, next) => {
    const id = randomRequestId();
    res.locals.requestId = id;
    res.setHeader('request-id', id);
    next();
  };
  const failOnPurpose: RequestHandler = (req, res, next) => {
    const failure = simulateFailure(req.get(FAIL_HEADER));
    if (!failure) return next();
    if (failure.status !== 400) metrics.simulatedFailures.inc({ status: String(failure.status) });
    if (failure.status === 429) res.setHeader('retry-after', '1');
    next(failure);
  };
  const json = express.json({ limit: bodyLimitBytes, type: () => true, strict: false });
  const guards = [requestId, ...(options.apiKey ? [requireApiKey(options.apiKey)] : [])];

  app.post('/v1/messages', ...guards, failOnPurpose, json, replayWireFixture(loadWireFixtures()), messages);
  app.post('/v1/messages/count_tokens', ...guards, json, createCountTokensEndpoint());
  app.all(['/v1/messages', '/v1/messages/count_tokens'], requestId, (req, _res, next) => {
    next(new ApiError(405, `Method ${req.method} is not allowed here: use POST.`, { type: 'invalid_request_error' }));
  });
  app.use(requestId, (req, _res, next) => {
    next(new ApiError(404, `Not found: ${req.method} ${req.path}. model-sim serves POST /v1/messages.`));
  });
  app.use(errorHandler(log, metrics));

  return {
    app,
    log,
    metrics,
    markDraining() {
      draining = true;
    },
  };
}

/**
 * The API key check of the real API: `x-api-key` (the SDK's `apiKey`) or `Authorization: Bearer` (its
 * `authToken`). Compared through digests with `timingSafeEqual`, so timing leaks neither content nor length.
 */
function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  return (req, _res, next) => {
    const bearer = req.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
    const presented = req.get('x-api-key') ?? bearer;
    if (presented === undefined) return next(new ApiError(401, 'x-api-key header is required'));
    if (!timingSafeEqual(digest(presented.trim()), expected)) return next(new ApiError(401, 'invalid x-api-key'));
    next();
  };
}

/** The one place errors become responses: the API's error body; internal faults stay opaque. */
function errorHandler(log: Logger, metrics: ModelSimMetrics): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : null;
    const type = (error as { type?: string }).type;
    let failure: ApiError;
    if (error instanceof ApiError) failure = error;
    else if (type === 'entity.too.large')
      failure = new ApiError(413, 'Request exceeds the maximum allowed number of bytes.');
    else if (type === 'entity.parse.failed')
      failure = new ApiError(400, 'There was an error parsing the body of your request: it is not valid JSON.');
    else if (type === 'encoding.unsupported' || type === 'charset.unsupported')
      failure = new ApiError(415, 'Send the body as UTF-8 JSON.');
    else if (type === 'request.aborted') return;
    else {
      log.error({ requestId, err: error, path: req.path }, 'unhandled error');
      failure = new ApiError(500, 'Internal server error');
    }
    if (req.path === '/v1/messages') metrics.requests.inc({ status: String(failure.status), stream: 'unknown' });
    res.status(failure.status).json(apiErrorBody(failure.type, failure.message, requestId));
  };
}

function checkNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`model-sim option ${name} must be a number ≥ 0, got ${value}`);
  return value;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
