import { z } from 'zod';

/** The BullMQ queue the API puts turns on and the workers take them from. */
export const TURN_QUEUE = 'shopchat-turns';

const UIMessageSchema = z.object({ id: z.string(), role: z.literal('assistant'), parts: z.array(z.unknown()) });

/**
 * One queued turn: everything a worker needs beside what the conversation store holds. The user's message
 * and the approval answers are already stored with the conversation's UI messages; the worker reads the
 * history and pending approvals from the store, so a job never carries what could be stale.
 */
export const TurnJobSchema = z.object({
  conversationId: z.string().min(1),
  turnId: z.string().min(1),
  caller: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('customer'), customerId: z.string().min(1) }),
    z.object({ kind: z.literal('anonymous') }),
  ]),
  userText: z.string().optional(),
  answers: z.array(z.object({ approvalId: z.string(), approved: z.boolean(), reason: z.string().optional() })),
  /** The assistant message the turn writes (new, or the one it continues after approvals). */
  assistant: UIMessageSchema,
  /** Tool call ids whose chunks belong to an earlier message. */
  settledElsewhere: z.array(z.string()),
  traceparent: z.string().optional(),
  /** Sequence number of the stream's last entry when the API handed the turn off. */
  handedOffAt: z.number().int().min(1),
  /** Epoch ms: when the API queued it (queue wait metric). */
  queuedAt: z.number(),
});

export type TurnJob = z.infer<typeof TurnJobSchema>;
