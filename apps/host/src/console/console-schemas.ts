import { z } from 'zod';
import { ConversationIdSchema } from '../chat/chat-request-schema.ts';

/** Caps of the console's queries, with their reasons. */
export const CONSOLE_QUERY_LIMITS = {
  /** Conversations per page: a screenful and a bit; more is what the next page is for. */
  maxPageSize: 100,
  defaultPageSize: 25,
  /** Characters of a text search: a phrase, not a document. */
  maxSearchChars: 200,
  /** Longest metrics window: a year keeps the aggregate queries bounded. */
  maxMetricsDays: 366,
  /** Default metrics window when `from` is unset. */
  defaultMetricsDays: 7,
} as const;

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'with_agent', 'closed'] as const;

const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.');
const CustomerId = z.string().min(1).max(128);

/** `GET /api/console/conversations` query. */
export const ConversationListQuerySchema = z
  .strictObject({
    customer: CustomerId.optional().describe('Only this customer’s conversations (the token `sub`).'),
    status: z.enum(CONVERSATION_STATUSES).optional(),
    from: Instant.optional().describe('Last activity at or after this instant.'),
    to: Instant.optional().describe('Last activity before this instant.'),
    q: z.string().trim().min(1).max(CONSOLE_QUERY_LIMITS.maxSearchChars).optional().describe('Words in the messages.'),
    limit: z.coerce.number().int().min(1).max(CONSOLE_QUERY_LIMITS.maxPageSize).optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/)
      .optional()
      .describe('`nextCursor` of the previous page.'),
  })
  .describe('Filters of the conversation list; all optional.');

export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

const Status = z.enum(CONVERSATION_STATUSES);

export const ConversationSummarySchema = z.object({
  id: ConversationIdSchema,
  customerId: z.string().nullable().describe('Null for an anonymous visitor.'),
  startedAt: z.string(),
  lastActivityAt: z.string(),
  status: Status,
  turns: z.number().int(),
  toolsUsed: z.array(z.string()),
  rating: z.number().int().min(1).max(5).nullable(),
});

export const ConversationListSchema = z.object({
  conversations: z.array(ConversationSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last.'),
});

const ToolCallSchema = z.object({
  id: z.string(),
  turnId: z.string(),
  server: z.string(),
  tool: z.string(),
  args: z.unknown(),
  outcome: z.enum(['ok', 'tool_error', 'unavailable', 'refused', 'denied']),
  errorCode: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.string(),
});

const ApprovalSchema = z.object({
  id: z.string(),
  toolCallId: z.string(),
  tool: z.string(),
  argsHash: z.string(),
  summary: z.string(),
  askedAt: z.string(),
  expiresAt: z.string(),
  approved: z.boolean().nullable().describe('Null: never answered.'),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});

const ModelCallSchema = z.object({
  seq: z.number().int(),
  model: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheCreationInputTokens: z.number().int(),
  cacheReadInputTokens: z.number().int(),
  costUsd: z.number(),
  durationMs: z.number().int(),
  stopReason: z.string().nullable(),
});

const TurnSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.string(),
  traceId: z.string().nullable(),
  ttftMs: z.number().int().nullable(),
  costUsd: z.number(),
  modelCalls: z.array(ModelCallSchema),
});

const RecordedMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z.array(z.looseObject({ type: z.string() })).describe('AI SDK UI message parts, as the widget showed them.'),
  createdAt: z.string(),
  turnId: z.string(),
});

export const TranscriptSchema = z.object({
  conversation: ConversationSummarySchema,
  feedback: z.object({ rating: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable(),
  messages: z.array(RecordedMessageSchema),
  turns: z.array(TurnSchema),
  toolCalls: z.array(ToolCallSchema),
  approvals: z.array(ApprovalSchema),
});

/** `GET /api/console/metrics` query. */
export const MetricsQuerySchema = z.strictObject({
  from: Instant.optional().describe(`Conversations started at or after; default ${7} days before \`to\`.`),
  to: Instant.optional().describe('Conversations started before; default now.'),
});

export const ConsoleMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  conversations: z.number().int(),
  turns: z.number().int(),
  resolvedByBot: z.object({ count: z.number().int(), rate: z.number().min(0).max(1) }),
  handedOff: z.number().int(),
  csat: z.object({ average: z.number().nullable(), count: z.number().int() }),
  toolErrorRate: z.array(
    z.object({
      server: z.string(),
      tool: z.string(),
      calls: z.number().int(),
      errors: z.number().int(),
      rate: z.number(),
    }),
  ),
  ttftMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  perConversation: z.object({ tokens: z.number(), costUsd: z.number() }),
  days: z
    .array(
      z.object({
        day: z.string(),
        conversations: z.number().int(),
        resolvedByBot: z.number().int(),
        rate: z.number(),
        csatAverage: z.number().nullable(),
      }),
    )
    .describe('The same figures per UTC day, for charts.'),
});

/** `POST /api/chat/:id/feedback` body. */
export const FeedbackRequestSchema = z.strictObject({
  rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (great).'),
  comment: z.string().trim().max(2_000).optional(),
});

export const FeedbackResponseSchema = z.object({ id: ConversationIdSchema, rating: z.number().int() });

/** `DELETE /api/console/customers/:customerId/conversations` answer. */
export const ErasureResponseSchema = z.object({ customerId: z.string(), conversations: z.number().int() });

export const CustomerIdParamSchema = CustomerId;

export type Transcript = z.infer<typeof TranscriptSchema>;
export type ConsoleMetrics = z.infer<typeof ConsoleMetricsSchema>;
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;
export type ConversationList = z.infer<typeof ConversationListSchema>;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
