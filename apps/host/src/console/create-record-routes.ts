import type { Database } from '@shopchat/postgres';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { ConversationIdSchema } from '../chat/chat-request-schema.ts';
import { type ConversationStore, isOwnedBy } from '../chat/conversation-store.ts';
import { callerOf, identifyCaller } from '../http/identify-caller.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import { computeConsoleMetrics } from '../record/compute-console-metrics.ts';
import { eraseCustomerRecord } from '../record/erase-customer-record.ts';
import { decodeCursor, listRecordedConversations } from '../record/list-recorded-conversations.ts';
import { readRecordedTranscript } from '../record/read-recorded-transcript.ts';
import { saveFeedback } from '../record/save-feedback.ts';
import type { ChatCaller } from '../turn/turn-contract.ts';
import {
  CONSOLE_QUERY_LIMITS,
  ConversationListQuerySchema,
  CustomerIdParamSchema,
  FeedbackRequestSchema,
  MetricsQuerySchema,
} from './console-schemas.ts';
import { readQuery } from './read-query.ts';
import type { Staff, VerifyStaffToken } from './verify-staff-token.ts';

/** A rating and its comment are small; the cap keeps junk from being parsed. */
const FEEDBACK_BODY_LIMIT_BYTES = 4 * 1024;
const DAY_MS = 86_400_000;

export interface RecordRoutesDeps {
  /** The conversation record's database. */
  db: Database;
  /** The live conversations (who owns one that is not on record yet). */
  store: ConversationStore;
  verifyCustomerToken: VerifyCustomerToken;
  verifyStaffToken: VerifyStaffToken;
  /** Epoch ms. */
  now?: () => number;
}

/**
 * The routes over the conversation record: the customer's `POST /api/chat/:id/feedback`, and the staff
 * console API under `/api/console` (staff tokens only: a customer token gets 401). Errors go to the app's
 * one error handler.
 */
export function createRecordRoutes(deps: RecordRoutesDeps): Router {
  const now = deps.now ?? Date.now;
  const router = express.Router();
  const staffOnly = identifyStaff(deps.verifyStaffToken);

  router.post(
    '/api/chat/:id/feedback',
    identifyCaller(deps.verifyCustomerToken),
    express.json({ limit: FEEDBACK_BODY_LIMIT_BYTES, type: () => true }),
    async (req, res) => {
      const id = readQuery(ConversationIdSchema, req.params.id, 'id');
      const body = readQuery(FeedbackRequestSchema, req.body, 'body');
      const owner = await ownerOf(deps, id, callerOf(res));
      const saved = await saveFeedback(deps.db, {
        conversationId: id,
        customerId: owner.customerId,
        conversationStartedAt: owner.startedAt,
        rating: body.rating,
        ...(body.comment ? { comment: body.comment } : {}),
        at: now(),
      });
      if (!saved) throw new ChatApiError('already_rated', 'This conversation has already been rated.');
      res.status(201).json({ id, rating: body.rating });
    },
  );

  router.use('/api/console', staffOnly, (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  router.get('/api/console/conversations', async (req, res) => {
    const query = readQuery(ConversationListQuerySchema, req.query, 'query');
    if (query.cursor && !decodeCursor(query.cursor)) {
      throw new ChatApiError('invalid_request', 'Invalid request: cursor: is not a cursor this API gave out.');
    }
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new ChatApiError('invalid_request', 'Invalid request: from: must be before to.');
    }
    res.json(await listRecordedConversations(deps.db, query, now()));
  });

  router.get('/api/console/conversations/:id', async (req, res) => {
    const id = readQuery(ConversationIdSchema, req.params.id, 'id');
    const transcript = await readRecordedTranscript(deps.db, id, now());
    if (!transcript) throw new ChatApiError('not_found', 'There is no such conversation on record.');
    res.json(transcript);
  });

  router.get('/api/console/metrics', async (req, res) => {
    const query = readQuery(MetricsQuerySchema, req.query, 'query');
    const to = query.to ? Date.parse(query.to) : now();
    const from = query.from ? Date.parse(query.from) : to - CONSOLE_QUERY_LIMITS.defaultMetricsDays * DAY_MS;
    if (from >= to) throw new ChatApiError('invalid_request', 'Invalid request: from: must be before to.');
    if (to - from > CONSOLE_QUERY_LIMITS.maxMetricsDays * DAY_MS) {
      throw new ChatApiError(
        'invalid_request',
        `Invalid request: from: the window may span at most ${CONSOLE_QUERY_LIMITS.maxMetricsDays} days.`,
      );
    }
    const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), now: now() };
    res.json(await computeConsoleMetrics(deps.db, window));
  });

  router.delete('/api/console/customers/:customerId/conversations', async (req, res) => {
    const staff = staffOf(res);
    if (staff.role !== 'admin') {
      throw new ChatApiError('forbidden', 'Only an admin may erase a customer’s conversations.');
    }
    const customerId = readQuery(CustomerIdParamSchema, req.params.customerId, 'customerId');
    const erased = await eraseCustomerRecord(deps.db, { customerId, staffId: staff.staffId });
    res.json({ customerId, conversations: erased.conversations });
  });

  return router;
}

/** Verifies the staff token and keeps the staff member for the next handlers. */
function identifyStaff(verify: VerifyStaffToken): RequestHandler {
  return async (req, res, next) => {
    res.locals.staff = await verify(req.headers.authorization);
    next();
  };
}

function staffOf(res: Response): Staff {
  const staff = res.locals.staff as Staff | undefined;
  if (!staff) throw new Error('identifyStaff must run before this handler');
  return staff;
}

/**
 * Who owns a conversation, from the live store or else from the record (a rating may come after the live
 * conversation expired). Someone else's conversation, or none, is a 404, as on the chat routes.
 */
async function ownerOf(
  deps: RecordRoutesDeps,
  id: string,
  caller: ChatCaller,
): Promise<{ customerId: string | null; startedAt: number }> {
  const live = await deps.store.get(id);
  if (live && isOwnedBy(live, caller)) {
    return { customerId: live.owner.kind === 'customer' ? live.owner.customerId : null, startedAt: live.createdAt };
  }
  if (!live) {
    const [row] = await deps.db.query<{ customer_id: string | null; started_at: Date | string }>(
      'SELECT customer_id, started_at FROM record_conversations WHERE id = $1',
      [id],
    );
    const callerId = caller.kind === 'customer' ? caller.customerId : null;
    if (row && row.customer_id === callerId) {
      return { customerId: row.customer_id, startedAt: new Date(row.started_at).getTime() };
    }
  }
  throw new ChatApiError('not_found', 'There is no such conversation for this caller.');
}
