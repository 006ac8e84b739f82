import { z } from 'zod';

const Tokens = z.number().int().min(0);

export const ModelCallFactSchema = z.object({
  model: z.string().min(1),
  inputTokens: Tokens,
  outputTokens: Tokens,
  cacheCreationInputTokens: Tokens,
  cacheReadInputTokens: Tokens,
  costUsd: z.number().min(0),
  durationMs: z.number().int().min(0),
  stopReason: z.string().nullable(),
});

export const RecordedToolCallSchema = z.object({
  toolCallId: z.string().min(1),
  server: z.string().min(1),
  tool: z.string().min(1),
  input: z.unknown(),
  outcome: z.enum(['ok', 'tool_error', 'unavailable', 'refused', 'denied']),
  errorCode: z.string().optional(),
  durationMs: z.number().int().min(0),
  /** Epoch ms when the call ended. */
  at: z.number().int(),
});

export const RecordedMessageSchema = z.object({
  id: z.string().min(1),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z.array(z.unknown()),
});

/**
 * Everything the conversation record keeps of one finished turn: the facts the turn already had, gathered
 * when it ended (no message text goes anywhere but here). It is also the payload of a record-write job,
 * so it is plain JSON, and checked when read back.
 */
export const FinishedTurnSchema = z.object({
  turnId: z.string().min(1),
  conversationId: z.string().min(1),
  /** The customer token's `sub`; null for an anonymous visitor. Never the token. */
  customerId: z.string().min(1).nullable(),
  /** Epoch ms. */
  conversationStartedAt: z.number().int(),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  /** Ms from the turn's start to its first text delta; null when it wrote no text. */
  ttftMs: z.number().int().min(0).nullable(),
  outcome: z.enum(['stop', 'approval', 'length', 'iteration-limit', 'error', 'aborted', 'failed']),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullable(),
  /** True when the customer wrote a new message in this turn (not only approval answers). */
  customerWrote: z.boolean(),
  /** The messages this turn added or changed: the customer's new one, the assistant's. */
  messages: z.array(RecordedMessageSchema),
  modelCalls: z.array(ModelCallFactSchema),
  toolCalls: z.array(RecordedToolCallSchema),
  approvalsAsked: z.array(
    z.object({
      approvalId: z.string().min(1),
      toolCallId: z.string().min(1),
      toolName: z.string().min(1),
      inputHash: z.string().regex(/^[0-9a-f]{64}$/),
      summary: z.string(),
      expiresAt: z.number().int(),
    }),
  ),
  /** The customer's answers to the previous turn's approvals, given at `startedAt`. */
  approvalsAnswered: z.array(z.object({ approvalId: z.string().min(1), approved: z.boolean() })),
});

export type FinishedTurn = z.infer<typeof FinishedTurnSchema>;
export type RecordedToolCall = z.infer<typeof RecordedToolCallSchema>;

/** Where finished turns go: the record's write queue. Returns at once and never throws. */
export interface TurnRecorder {
  record(turn: FinishedTurn): void;
}
