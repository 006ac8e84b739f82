import { z } from 'zod';

/**
 * Schemas of the chat API's bodies: what the AI SDK's chat transport sends (`{ id, messages, trigger,
 * messageId? }`) and what `GET /api/chat/:id` returns. Tolerant of the SDK's extra fields (`looseObject`),
 * strict where the server relies on a value. The same schemas produce the OpenAPI document.
 */

/** Limits, with their reasons. */
export const CHAT_REQUEST_DEFAULTS = {
  /** Characters (code points) of the customer's new message: a support question, not a document. */
  maxMessageChars: 4_000,
  /** Messages the client may send; it resends its whole history, which the server ignores anyway. */
  maxMessages: 200,
  /** Parts of one message: a long assistant answer with tool calls has a few dozen. */
  maxPartsPerMessage: 200,
} as const;

export const ConversationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1–128 characters of A–Z, a–z, 0–9, "_" or "-"')
  .describe('Conversation id, chosen by the client (the AI SDK generates one per chat).');

const PartSchema = z
  .looseObject({ type: z.string().min(1).max(128) })
  .describe(
    'A UI message part. The server reads only `text` parts of a new user message and tool parts in state ' +
      '`approval-responded` of the last assistant message; every other part is ignored.',
  );

export const RequestMessageSchema = z
  .looseObject({
    id: z.string().max(256),
    role: z.enum(['system', 'user', 'assistant']),
    parts: z.array(PartSchema).max(CHAT_REQUEST_DEFAULTS.maxPartsPerMessage),
  })
  .describe('An AI SDK UI message as the client holds it.');

export const ChatRequestSchema = z
  .looseObject({
    id: ConversationIdSchema,
    messages: z
      .array(RequestMessageSchema)
      .min(1, 'must hold at least the new message')
      .max(CHAT_REQUEST_DEFAULTS.maxMessages)
      .describe(
        'The client’s messages. Only the last one is read: a user message (its text is the new message) or ' +
          'the assistant message holding the customer’s approval answers. Earlier history is never trusted: ' +
          'the server keeps the conversation.',
      ),
    trigger: z
      .enum(['submit-message', 'regenerate-message'])
      .describe('`submit-message` only; the server keeps the history, so it does not regenerate.'),
    messageId: z.string().max(256).nullish(),
  })
  .describe('The body the AI SDK chat transport (`DefaultChatTransport`, `useChat`) sends.');

export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** A text part of the customer's new message. */
export const TextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** The customer's answer to an approval request, as the AI SDK client sends it back in the tool part. */
export const ApprovalResponsePartSchema = z
  .looseObject({
    type: z.string().regex(/^(tool-.+|dynamic-tool)$/, 'must be "tool-<name>" or "dynamic-tool"'),
    toolCallId: z.string().min(1).max(256),
    toolName: z.string().max(256).optional(),
    state: z.literal('approval-responded'),
    input: z.unknown(),
    approval: z.looseObject({
      id: z.string().min(1).max(256),
      approved: z.boolean(),
      reason: z.string().max(1_000).optional(),
    }),
  })
  .describe('A tool part answered with `addToolApprovalResponse`: state `approval-responded`.');

export type ApprovalResponsePart = z.infer<typeof ApprovalResponsePartSchema>;

/** A message as the server stores and returns it: the AI SDK `UIMessage` shape. */
export const StoredMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant']),
    metadata: z.unknown().optional(),
    parts: z.array(z.looseObject({ type: z.string() })),
  })
  .describe('An AI SDK UIMessage, as the server stored it.');

export const ConversationResponseSchema = z
  .object({ id: ConversationIdSchema, messages: z.array(StoredMessageSchema) })
  .describe('The stored messages of the caller’s own conversation, oldest first (the newest 100 are kept).');
