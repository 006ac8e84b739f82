import type { UIMessage } from 'ai';
import { z } from 'zod';
import type { Conversation } from '../chat/conversation-store.ts';
import { ReplyTextSchema } from './handoff-schemas.ts';
import { HANDOFF_REASONS, type Handoff } from './handoff-state.ts';

/** One line of the transcript sent to the helpdesk: who wrote it and the text. */
export const TranscriptLineSchema = z.object({
  role: z.enum(['customer', 'bot', 'agent']),
  /** The person's first name, for lines a person wrote. */
  name: z.string().optional(),
  text: z.string(),
});

/** What the host POSTs to `HANDOFF_WEBHOOK_URL` when a conversation is handed to a person. */
export const HandoffWebhookPayloadSchema = z.object({
  type: z.literal('handoff.requested'),
  conversationId: z.string(),
  customerId: z.string().nullable(),
  summary: z.string(),
  reason: z.enum(HANDOFF_REASONS),
  /** ISO 8601: when the conversation was handed over. */
  createdAt: z.string(),
  transcript: z.array(TranscriptLineSchema),
});
export type HandoffWebhookPayload = z.infer<typeof HandoffWebhookPayloadSchema>;

/** What the helpdesk POSTs to `/api/handoff/:id/messages`: its agent's message to the customer. */
export const HelpdeskMessageRequestSchema = z
  .object({
    text: ReplyTextSchema,
    author: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  })
  .strict();

/** The payload of a hand-off, with the conversation's messages as plain text. */
export function handoffWebhookPayload(handoff: Handoff, conversation?: Conversation): HandoffWebhookPayload {
  return {
    type: 'handoff.requested',
    conversationId: handoff.conversationId,
    customerId: handoff.customerId,
    summary: handoff.summary,
    reason: handoff.reason,
    createdAt: new Date(handoff.waitingSince).toISOString(),
    transcript: (conversation?.messages ?? []).flatMap(transcriptLine),
  };
}

function transcriptLine(message: UIMessage): z.infer<typeof TranscriptLineSchema>[] {
  const text = message.parts
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('\n')
    .trim();
  if (!text) return [];
  if (message.role === 'user') return [{ role: 'customer', text }];
  const author = (message.metadata as { author?: { name?: string } } | undefined)?.author;
  return author?.name ? [{ role: 'agent', name: author.name, text }] : [{ role: 'bot', text }];
}
