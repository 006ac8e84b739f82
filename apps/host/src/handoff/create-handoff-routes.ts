import type { UIMessageChunk } from 'ai';
import type { Response as ExpressResponse, RequestHandler, Router } from 'express';
import express from 'express';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { ConversationIdSchema } from '../chat/chat-request-schema.ts';
import { type ConversationStore, isOwnedBy } from '../chat/conversation-store.ts';
import { readQuery } from '../console/read-query.ts';
import type { Staff, VerifyStaffToken } from '../console/verify-staff-token.ts';
import { clientKeyOf } from '../http/client-key.ts';
import { callerOf, identifyCaller } from '../http/identify-caller.ts';
import type { StreamLimits } from '../http/stream-limits.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import { conversationChannel, QUEUE_CHANNEL } from './handoff-bus.ts';
import { AgentReplyRequestSchema, HANDOFF_LIMITS, ReleaseRequestSchema } from './handoff-schemas.ts';
import { type Handoffs, noticeChunk } from './handoffs.ts';

export interface HandoffRoutesDeps {
  handoffs: Handoffs;
  conversations: ConversationStore;
  verifyCustomerToken: VerifyCustomerToken;
  verifyStaffToken: VerifyStaffToken;
  /** The chat API's open-stream caps: the live streams count against them like a chat's streams. */
  streamLimits: StreamLimits;
  /** The chat API's read limit (`CHAT_READS_PER_MINUTE`): opening a live stream is a read. */
  readLimit: RequestHandler;
  /** An SSE comment (and, on the queue, a presence heartbeat) this often, in ms. */
  keepAliveMs?: number;
}

/** Heartbeat of the live streams: under the proxies' idle timeouts and the agent presence window. */
const KEEP_ALIVE_MS = 15_000;

export interface HandoffRoutes {
  router: Router;
  /** Ends every open live stream (on shutdown: the clients see a clean end and reconnect elsewhere). */
  endStreams(): void;
}

/**
 * The hand-off routes: the console's queue (live over SSE), claim, reply, typing and release under
 * `/api/console` (staff tokens), and the customer's live stream `GET /api/chat/:id/events`, on which an
 * agent's messages and the hand-off's state reach the widget as UI message stream chunks.
 */
export function createHandoffRoutes(deps: HandoffRoutesDeps): HandoffRoutes {
  const { handoffs, readLimit } = deps;
  const keepAliveMs = deps.keepAliveMs ?? KEEP_ALIVE_MS;
  const router = express.Router();
  const json = express.json({ limit: HANDOFF_LIMITS.bodyLimitBytes, type: () => true });
  const staffOnly = identifyStaff(deps.verifyStaffToken);
  const open = new Set<ExpressResponse>();
  /** Takes the stream's slot (or 429), starts it, and frees the slot when it closes. */
  const startStream = (
    req: express.Request,
    res: ExpressResponse,
    countedAs: string,
    headers: Record<string, string>,
    onBeat?: () => void,
  ) => {
    const release = deps.streamLimits.open(clientKeyOf(req, res), countedAs);
    open.add(res);
    res.once('close', () => {
      release();
      open.delete(res);
    });
    return openSse(res, headers, keepAliveMs, onBeat);
  };

  router.get('/api/chat/:id/events', identifyCaller(deps.verifyCustomerToken), readLimit, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const conversation = await deps.conversations.get(id);
    if (!conversation || !isOwnedBy(conversation, callerOf(res))) {
      throw new ChatApiError('not_found', 'There is no such conversation for this caller.');
    }
    const stream = startStream(req, res, id, { 'x-vercel-ai-ui-message-stream': 'v1' });
    const unsubscribe = await handoffs.bus.subscribe(conversationChannel(id), (event) => {
      for (const chunk of (event as { chunks: UIMessageChunk[] }).chunks) stream.send(chunk);
    });
    res.once('close', unsubscribe);
    // After subscribing: a change made in between is heard twice at worst, never missed.
    const current = await handoffs.store.get(id);
    if (current) stream.send(noticeChunk(current));
  });

  router.get('/api/console/queue', staffOnly, async (_req, res) => {
    res.set('cache-control', 'no-store').json({ conversations: await handoffs.store.open() });
  });

  router.get('/api/console/queue/events', staffOnly, readLimit, async (req, res) => {
    const staff = staffOf(res);
    // One staff member's queue streams count as one conversation's: a console tab, plus a reload or two.
    const stream = startStream(req, res, `queue:${staff.staffId}`, {}, () => {
      void handoffs.presence.seen(staff.staffId).catch(() => {});
    });
    await handoffs.presence.seen(staff.staffId);
    const unsubscribe = await handoffs.bus.subscribe(QUEUE_CHANNEL, (event) => stream.send(event));
    res.once('close', unsubscribe);
    stream.send({ type: 'snapshot', conversations: await handoffs.store.open() });
  });

  router.get('/api/console/handoffs/:id', staffOnly, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const [handoff, conversation] = await Promise.all([handoffs.store.get(id), deps.conversations.get(id)]);
    if (!handoff) throw new ChatApiError('not_found', 'This conversation was never handed over to a person.');
    res.set('cache-control', 'no-store').json({ handoff, messages: conversation?.messages ?? [] });
  });

  router.post('/api/console/conversations/:id/claim', staffOnly, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    res.json({ handoff: await handoffs.claim(id, staffOf(res)) });
  });

  router.post('/api/console/conversations/:id/messages', staffOnly, json, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const body = readQuery(AgentReplyRequestSchema, req.body, 'body');
    res.status(201).json({ message: await handoffs.reply(id, staffOf(res), body.text) });
  });

  router.post('/api/console/conversations/:id/typing', staffOnly, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    await handoffs.typing(id, staffOf(res));
    res.status(204).end();
  });

  router.post('/api/console/conversations/:id/release', staffOnly, json, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const body = readQuery(ReleaseRequestSchema, req.body, 'body');
    res.json({ handoff: await handoffs.release(id, staffOf(res), body.to) });
  });

  return {
    router,
    endStreams() {
      for (const res of open) res.end();
    },
  };
}

/** Verifies the staff token (once per request: the record routes may have done it) and keeps the staff member. */
function identifyStaff(verify: VerifyStaffToken): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.staff ??= await verify(req.headers.authorization);
      res.set('cache-control', 'no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}

function staffOf(res: ExpressResponse): Staff {
  const staff = res.locals.staff as Staff | undefined;
  if (!staff) throw new Error('identifyStaff must run before this handler');
  return staff;
}

/** Starts an SSE response; `send` writes one `data:` event; a comment (and `onBeat`) keeps it alive. */
function openSse(
  res: ExpressResponse,
  headers: Record<string, string>,
  keepAliveMs: number,
  onBeat?: () => void,
): { send(event: unknown): void } {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
  const beat = setInterval(() => {
    res.write(': keep-alive\n\n');
    onBeat?.();
  }, keepAliveMs);
  res.once('close', () => clearInterval(beat));
  return {
    send(event) {
      if (!res.writableEnded) res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
  };
}
