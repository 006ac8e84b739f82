import { pipeUIMessageStreamToResponse, type UIMessageChunk } from 'ai';
import express, { type RequestHandler, type Response, type Router } from 'express';
import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { CHAT_REQUEST_DEFAULTS, ConversationIdSchema } from '../chat/chat-request-schema.ts';
import { type ConversationStore, isOwnedBy } from '../chat/conversation-store.ts';
import { createInMemoryConversationStore } from '../chat/in-memory-conversation-store.ts';
import { readChatRequest } from '../chat/read-chat-request.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import { requestTraceparent, traceServerRequest } from '../telemetry/trace-server-request.ts';
import { createInMemoryTurnStreamHub } from '../turn/in-memory-turn-stream-hub.ts';
import { type ChatTurns, createChatTurns } from '../turn/run-chat-turn.ts';
import type { TurnRunner } from '../turn/turn-contract.ts';
import type { TurnDispatcher } from '../turn/turn-dispatcher.ts';
import type { TurnLimits } from '../turn/turn-limits.ts';
import type { TurnRecorderHook } from '../turn/turn-recorder-hook.ts';
import type { TurnStreamHub } from '../turn/turn-stream-hub.ts';
import type { AllowedHosts } from './allowed-hosts.ts';
import { createApiErrorHandler } from './api-error-handler.ts';
import { type ChatApiMetrics, createChatApiMetrics } from './chat-api-metrics.ts';
import { clientKeyOf } from './client-key.ts';
import { createCors } from './cors.ts';
import { callerOf, identifyCaller } from './identify-caller.ts';
import { createOpenApiDocument } from './openapi-document.ts';
import { createRateLimit, createTurnRateLimit } from './rate-limit.ts';
import {
  createStreamLimits,
  STREAM_LIMIT_DEFAULTS,
  type StreamLimitOptions,
  type StreamLimits,
} from './stream-limits.ts';

export interface ChatApiOptions {
  bodyLimitBytes: number;
  maxMessageChars: number;
  turnsPerMinute: number;
  keepAliveMs: number;
  corsAllowedOrigins: readonly string[];
  /** Reads (`GET /api/chat/:id`, `/stream`) a minute per customer, else per IP address. */
  readsPerMinute: number;
  /** Open streams per client and per conversation in this process. */
  streams: StreamLimitOptions;
  /** This host's own names (`ALLOWED_HOSTS`), for the same-origin check of CORS; loopback by default. */
  allowedHosts?: AllowedHosts;
}

/** Chat API settings, with their defaults and units. */
export const CHAT_API_DEFAULTS = {
  /** Bytes of a POST body: the client resends its whole history (up to 200 messages) with every turn. */
  bodyLimitBytes: 1024 * 1024,
  /** Characters of the customer's new message (`CHAT_MAX_MESSAGE_CHARS`). */
  maxMessageChars: CHAT_REQUEST_DEFAULTS.maxMessageChars,
  /** Turns a minute per customer, or per IP address for anonymous visitors (`CHAT_TURNS_PER_MINUTE`). */
  turnsPerMinute: 20,
  /** An SSE comment this often keeps proxies from closing a stream that waits on a slow tool, in ms. */
  keepAliveMs: 15_000,
  /** Browser origins allowed besides the host's own (`CORS_ALLOWED_ORIGINS`); `*` for any. */
  corsAllowedOrigins: [],
  /**
   * Reads a minute per customer, else per IP (`CHAT_READS_PER_MINUTE`): a widget reads a conversation on load
   * and resumes a stream after a reload; more than one a second is a client scraping or hammering the store.
   */
  readsPerMinute: 60,
  streams: { ...STREAM_LIMIT_DEFAULTS },
} satisfies ChatApiOptions;

/** What the chat routes need: `verifyCustomerToken`, `log`, and a `runner` or a `dispatcher`. */
export interface ChatRoutesDeps {
  /** Runs one turn (the Claude tool-use loop) in this process, when there is no `dispatcher`. */
  runner?: TurnRunner;
  /** Where turns run instead: the turn queue of a scaled-out host (`REDIS_URL`). */
  dispatcher?: TurnDispatcher;
  /** Turns `Authorization` into the caller (`createCustomerTokenVerifier`). */
  verifyCustomerToken: VerifyCustomerToken;
  log: Logger;
  /** Conversations; in memory by default (no `REDIS_URL`). */
  store?: ConversationStore;
  /** Running turns' streams and the per-conversation turn lock; in memory by default. */
  hub?: TurnStreamHub;
  options?: Partial<ChatApiOptions>;
  /** Overrides of the turn's limits (deadline, chunk cap, concurrent turns; `TURN_LIMITS`). */
  turnLimits?: Partial<TurnLimits>;
  /** Counts for the turn rate limit; in memory by default (express-rate-limit `Store`). */
  rateLimitStore?: Store;
  /** Counts for the read rate limit (its own store: express-rate-limit refuses one store for two limiters). */
  readRateLimitStore?: Store;
  /** The host's metrics registry; metrics are skipped without one. */
  registry?: Registry;
  /** Epoch ms (approval expiry); injected by tests. */
  now?: () => number;
  /** The conversation record of turns run in this process; unset, turns are not recorded. */
  recorder?: TurnRecorderHook;
}

export interface ChatRoutes {
  /** `POST /api/chat`, `GET /api/chat/:id`, `GET /api/chat/:id/stream`, `GET /api/openapi.json`. */
  router: Router;
  /** The turns the router starts: `idle()` waits for them on shutdown. */
  turns: ChatTurns;
  /** The conversations the routes keep (who owns one: the feedback route asks). */
  store: ConversationStore;
  /** The running turns' streams and per-conversation turn lock (a person's message takes it too). */
  hub: TurnStreamHub;
  /** The open-stream caps (per client, per conversation) every long-lived stream of this process counts against. */
  streamLimits: StreamLimits;
  /** The read limit (`CHAT_READS_PER_MINUTE`); runs after `identifyCaller` (or the staff check). */
  readLimit: RequestHandler;
  openApiDocument: Record<string, unknown>;
}

/**
 * Builds the chat API as an express router to mount on the host's app (`app.use(routes.router)`). Its
 * errors are answered by its own {@link createApiErrorHandler}, the same one the app should use.
 */
export function createChatRoutes(deps: ChatRoutesDeps): ChatRoutes {
  const options: ChatApiOptions = { ...CHAT_API_DEFAULTS, ...deps.options };
  const { log } = deps;
  const store = deps.store ?? createInMemoryConversationStore(deps.now ? { now: deps.now } : {});
  const hub = deps.hub ?? createInMemoryTurnStreamHub();
  const turns = createChatTurns({
    store,
    hub,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    ...(deps.runner ? { runner: deps.runner } : {}),
    log,
    ...(deps.turnLimits ? { limits: deps.turnLimits } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.recorder ? { recorder: deps.recorder } : {}),
  });
  const metrics = deps.registry ? createChatApiMetrics(deps.registry) : undefined;
  const openApiDocument = createOpenApiDocument(options);
  const identify = identifyCaller(deps.verifyCustomerToken);
  const cors = createCors({
    allowedOrigins: options.corsAllowedOrigins,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  });
  const streamLimits = createStreamLimits(options.streams);
  const readLimit = createRateLimit({
    perMinute: options.readsPerMinute,
    what: 'reads',
    ...(deps.readRateLimitStore ? { store: deps.readRateLimitStore } : {}),
  });
  /** Pipes a turn's chunks to the browser; `release` (the stream's slot) runs once the response closes. */
  const stream = (
    res: Response,
    chunks: ReadableStream<UIMessageChunk>,
    conversation: string,
    release: () => void,
  ): void => {
    metrics?.openStreams.inc();
    const detach = turns.attachReader(conversation);
    res.once('close', () => {
      metrics?.openStreams.dec();
      detach();
      release();
    });
    pipeUIMessageStreamToResponse({ response: res, stream: chunks, keepAliveMs: options.keepAliveMs }).catch(
      (error: unknown) => log.warn({ err: error }, 'chat stream to the browser failed'),
    );
  };

  const router = express.Router();
  router.use(['/api/chat', '/api/openapi.json'], cors);

  router.post(
    '/api/chat',
    traceServerRequest('/api/chat'),
    count(metrics, 'chat'),
    identify,
    createTurnRateLimit({
      turnsPerMinute: options.turnsPerMinute,
      ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    }),
    requireJson,
    // Not strict: a JSON string or number gets the clearer "must be a JSON object" from the reader.
    express.json({ limit: options.bodyLimitBytes, type: () => true, strict: false }),
    async (req, res) => {
      const request = readChatRequest(req.body, { maxMessageChars: options.maxMessageChars });
      // The slot first: a refused stream must not leave a turn running that nobody reads.
      const release = streamLimits.open(clientKeyOf(req, res), request.conversationId);
      // The request span's: the turn continues the chat request's trace wherever it runs.
      const traceparent = requestTraceparent(res);
      const turn = await turns
        .start({ caller: callerOf(res), request, ...(traceparent ? { traceparent } : {}) })
        .catch((error: unknown) => {
          release();
          throw error;
        });
      stream(res, turn.stream, request.conversationId, release);
    },
  );

  router.get('/api/chat/:id', count(metrics, 'history'), identify, readLimit, async (req, res) => {
    const id = conversationId(req.params.id);
    const conversation = await store.get(id);
    if (!conversation || !isOwnedBy(conversation, callerOf(res))) {
      throw new ChatApiError('not_found', 'There is no such conversation for this caller.');
    }
    res.set('cache-control', 'no-store').json({ id, messages: conversation.messages });
  });

  router.get('/api/chat/:id/stream', count(metrics, 'resume'), identify, readLimit, async (req, res) => {
    const id = conversationId(req.params.id);
    const conversation = await store.get(id);
    if (conversation && !isOwnedBy(conversation, callerOf(res))) {
      throw new ChatApiError('not_found', 'There is no such conversation for this caller.');
    }
    if (!conversation) return void res.status(204).end();
    const release = streamLimits.open(clientKeyOf(req, res), id);
    const chunks = await hub.follow(id, { resume: true }).catch((error: unknown) => {
      release();
      throw error;
    });
    if (!chunks) {
      release();
      return void res.status(204).end();
    }
    stream(res, chunks, id, release);
  });

  router.get('/api/openapi.json', count(metrics, 'openapi'), (_req, res) => {
    res.json(openApiDocument);
  });

  router.use(createApiErrorHandler(log));
  return { router, turns, store, hub, streamLimits, readLimit, openApiDocument };
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(new ChatApiError('unsupported_media_type', 'Send the body as JSON (content-type: application/json).'));
};

function conversationId(value: unknown): string {
  const parsed = ConversationIdSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ChatApiError('invalid_request', `Invalid request: id: ${parsed.error.issues[0]?.message ?? 'is invalid'}.`);
}

function count(metrics: ChatApiMetrics | undefined, route: string): RequestHandler {
  return (_req, res, next) => {
    if (metrics) res.once('finish', () => metrics.requests.inc({ route, status: String(res.statusCode) }));
    next();
  };
}
