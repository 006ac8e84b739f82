import type { Router } from 'express';
import express from 'express';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { ConversationIdSchema } from '../chat/chat-request-schema.ts';
import { readQuery } from '../console/read-query.ts';
import { HANDOFF_LIMITS } from './handoff-schemas.ts';
import { HelpdeskMessageRequestSchema } from './handoff-webhook-payloads.ts';
import { type ReplayGuard, SIGNATURE_HEADER, verifyWebhookSignature } from './handoff-webhook-signature.ts';
import type { Handoffs } from './handoffs.ts';

/**
 * `POST /api/handoff/:id/messages`: the external helpdesk's agent answers the customer. The raw body must be
 * signed with `HANDOFF_WEBHOOK_SECRET` over `"<t>.<conversation id>.<raw body>"`, recently, and only once: a forged,
 * stale or replayed request gets 401 and changes nothing.
 */
export function createHandoffWebhookRoutes(deps: {
  handoffs: Handoffs;
  secret: string;
  replays: ReplayGuard;
  now?: () => number;
}): Router {
  const now = deps.now ?? Date.now;
  const router = express.Router();
  // The signature is over the bytes as sent: read them raw, parse after verifying.
  const raw = express.raw({ limit: HANDOFF_LIMITS.bodyLimitBytes, type: () => true });

  router.post('/api/handoff/:id/messages', raw, async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const check = verifyWebhookSignature(deps.secret, req.get(SIGNATURE_HEADER), body, Math.floor(now() / 1000), id);
    if (!check.ok) throw new ChatApiError('token_invalid', check.problem);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ChatApiError('invalid_request', 'The body must be JSON: { "text", "author": { "name" } }.');
    }
    const message = readQuery(HelpdeskMessageRequestSchema, json, 'body');
    // Counted only once the request is known good, so a malformed replay cannot burn a signature.
    if (!(await deps.replays.firstUse(check.signature))) {
      throw new ChatApiError('token_invalid', 'This signed request was already received; sign each request afresh.');
    }
    res.status(201).json({ message: await deps.handoffs.helpdeskReply(id, message.author.name, message.text) });
  });

  return router;
}
