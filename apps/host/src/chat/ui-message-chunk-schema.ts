import { z } from 'zod';

/**
 * The AI SDK UI message stream chunks the host sends, one per SSE `data:` line (`data: [DONE]` ends the
 * stream). It documents the wire (OpenAPI) and pins it in tests; the SDK's own schema cannot be rendered
 * as JSON Schema. Metadata fields the host never sets are omitted.
 */
const toolCallId = z.string().min(1);
const partId = z.string().min(1);

export const UIMessageChunkSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('start'), messageId: z.string().optional() }),
    z.object({ type: z.literal('start-step') }),
    z.object({ type: z.literal('text-start'), id: partId }),
    z.object({ type: z.literal('text-delta'), id: partId, delta: z.string() }),
    z.object({ type: z.literal('text-end'), id: partId }),
    z.object({ type: z.literal('reasoning-start'), id: partId }),
    z.object({ type: z.literal('reasoning-delta'), id: partId, delta: z.string() }),
    z.object({ type: z.literal('reasoning-end'), id: partId }),
    z.object({
      type: z.literal('tool-input-start'),
      toolCallId,
      toolName: z.string(),
      dynamic: z.boolean().optional(),
    }),
    z.object({ type: z.literal('tool-input-delta'), toolCallId, inputTextDelta: z.string() }),
    z.object({
      type: z.literal('tool-input-available'),
      toolCallId,
      toolName: z.string(),
      input: z.unknown(),
      dynamic: z.boolean().optional(),
    }),
    z.object({
      type: z.literal('tool-approval-request'),
      approvalId: z.string().min(1),
      toolCallId,
      reason: z.string().optional().describe('What will happen, for the approval card.'),
    }),
    z.object({
      type: z.literal('tool-approval-response'),
      approvalId: z.string().min(1),
      approved: z.boolean(),
      reason: z.string().optional(),
    }),
    z.object({ type: z.literal('tool-output-available'), toolCallId, output: z.unknown() }),
    z.object({ type: z.literal('tool-output-error'), toolCallId, errorText: z.string() }),
    z.object({ type: z.literal('tool-output-denied'), toolCallId }),
    z.object({ type: z.literal('finish-step') }),
    z.object({
      type: z.literal('finish'),
      finishReason: z
        .enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'interrupted', 'other'])
        .optional(),
    }),
    z.object({ type: z.literal('error'), errorText: z.string() }),
    z.object({ type: z.literal('abort'), reason: z.string().optional() }),
  ])
  .describe('One AI SDK UI message stream chunk (protocol v1).');
