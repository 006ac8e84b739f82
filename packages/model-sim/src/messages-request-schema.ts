import { z } from 'zod';

// The body of `POST /v1/messages`, as far as model-sim reads it. Strict about what it interprets (roles,
// block shapes, tool definitions), tolerant of the rest (`looseObject`): parameters it does not act on,
// such as `thinking`, `metadata` or `service_tier`, are accepted and ignored.

const cacheControl = z
  .looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullable()
  .optional();

export const textBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
});

const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.looseObject({ type: z.string() }),
  cache_control: cacheControl,
});

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.string() }),
  cache_control: cacheControl,
});

/** Block types the real API knows and model-sim accepts without reading them. */
const passThroughBlock = z.looseObject({
  type: z.enum([
    'search_result',
    'thinking',
    'redacted_thinking',
    'server_tool_use',
    'web_search_tool_result',
    'web_fetch_tool_result',
    'code_execution_tool_result',
    'container_upload',
    'tool_reference',
  ]),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([
      z.string(),
      z.array(z.discriminatedUnion('type', [textBlockSchema, imageBlock, documentBlock, passThroughBlock])),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

const contentBlock = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  passThroughBlock,
]);

const messageParam = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

/** JSON Schema of a tool's input: only its top level is required to be an object schema. */
const inputSchema = z.looseObject({
  type: z.literal('object'),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  required: z.array(z.string()).nullable().optional(),
});

const tool = z.looseObject({
  /** Absent or `custom` for a client tool; a versioned type (`web_search_20250305`…) for server tools. */
  type: z.string().optional(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'String should match pattern ^[a-zA-Z0-9_-]{1,128}$'),
  description: z.string().optional(),
  input_schema: inputSchema.optional(),
  cache_control: cacheControl,
});

const parallel = { disable_parallel_tool_use: z.boolean().optional() };

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallel }),
  z.looseObject({ type: z.literal('any'), ...parallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.looseObject({ type: z.literal('none') }),
]);

export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(messageParam),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
  /** Automatic prompt caching: one breakpoint at the last cacheable block. */
  cache_control: cacheControl,
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type MessageParam = MessagesRequest['messages'][number];
export type ContentBlockParam = Exclude<MessageParam['content'], string>[number];
export type ToolParam = NonNullable<MessagesRequest['tools']>[number];
export type ToolChoiceParam = NonNullable<MessagesRequest['tool_choice']>;
export type CacheControl = z.infer<typeof cacheControl>;
