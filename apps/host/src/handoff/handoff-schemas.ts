import { z } from 'zod';
import { normaliseMessageText } from '../http/message-text.ts';
import { HandoffSchema } from './handoff-state.ts';

/** Limits of what an agent sends, with their reasons. */
export const HANDOFF_LIMITS = {
  /** Characters of one agent message: as long as a customer's may be (`CHAT_MAX_MESSAGE_CHARS` default). */
  maxReplyChars: 4000,
  /** Bytes of a console or webhook request body: one message and a little JSON around it. */
  bodyLimitBytes: 64 * 1024,
} as const;

/** A person's message: non-empty after trimming, clean Unicode (NFC), within the cap. */
export const ReplyTextSchema = z
  .string()
  .transform((text, ctx) => {
    const clean = normaliseMessageText(text);
    if ('problem' in clean) {
      ctx.addIssue({ code: 'custom', message: clean.problem });
      return z.NEVER;
    }
    return clean.text.trim();
  })
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(HANDOFF_LIMITS.maxReplyChars, `must be at most ${HANDOFF_LIMITS.maxReplyChars} characters`),
  );

export const AgentReplyRequestSchema = z.object({ text: ReplyTextSchema }).strict();
export const ReleaseRequestSchema = z.object({ to: z.enum(['bot', 'closed']) }).strict();

export const HandoffResponseSchema = z.object({ handoff: HandoffSchema });
export const QueueResponseSchema = z.object({ conversations: z.array(HandoffSchema) });

/** A person's message, as stored and streamed: an assistant message whose metadata names its author. */
export const PersonMessageSchema = z.object({
  id: z.string(),
  role: z.literal('assistant'),
  metadata: z.object({ author: z.object({ kind: z.enum(['agent', 'helpdesk']), name: z.string() }) }),
  parts: z.array(z.object({ type: z.literal('text'), text: z.string() })),
});
export const AgentReplyResponseSchema = z.object({ message: PersonMessageSchema });
