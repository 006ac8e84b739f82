import { z } from 'zod';
import {
  ApprovalResponsePartSchema,
  ChatRequestSchema,
  ConversationIdSchema,
  ConversationResponseSchema,
  RequestMessageSchema,
  StoredMessageSchema,
  TextPartSchema,
} from '../chat/chat-request-schema.ts';
import { UIMessageChunkSchema } from '../chat/ui-message-chunk-schema.ts';
import { recordOpenApiParts } from '../console/console-openapi.ts';
import { HELPDESK_SIGNATURE_SCHEME, handoffOpenApiParts } from '../handoff/handoff-openapi.ts';
import { ApiErrorBodySchema } from './api-error-handler.ts';
import { ToolsResponseSchema } from './tools-response-schema.ts';

export interface OpenApiDocumentOptions {
  /** The limits in force, so the document states the real ones. */
  maxMessageChars: number;
  bodyLimitBytes: number;
  turnsPerMinute: number;
  version?: string;
}

type JsonObject = Record<string, unknown>;

const ref = (id: string): JsonObject => ({ $ref: `#/components/schemas/${id}` });

/**
 * The OpenAPI 3.1 document of the host's HTTP API, built from the same zod schemas that validate the
 * requests (`io: input`) and describe the responses (`io: output`). Tests check real responses against it.
 */
export function createOpenApiDocument(options: OpenApiDocumentOptions): JsonObject {
  const idParameter = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Conversation id.',
    schema: jsonSchema(ConversationIdSchema, 'input'),
  };
  const record = recordOpenApiParts({ ref, errors, jsonSchema, idParameter });
  const handoff = handoffOpenApiParts({ ref, errors, idParameter });
  const schemas = {
    ...componentSchemas('input', {
      ChatRequest: ChatRequestSchema,
      RequestMessage: RequestMessageSchema,
      TextPart: TextPartSchema,
      ApprovalResponsePart: ApprovalResponsePartSchema,
      ...record.inputSchemas,
      ...handoff.inputSchemas,
    }),
    ...componentSchemas('output', {
      Conversation: ConversationResponseSchema,
      StoredMessage: StoredMessageSchema,
      UIMessageChunk: UIMessageChunkSchema,
      ApiError: ApiErrorBodySchema,
      ToolsResponse: ToolsResponseSchema,
      ...record.outputSchemas,
      ...handoff.outputSchemas,
    }),
  };
  const customer = [{}, { customerToken: [] }];

  return {
    openapi: '3.1.1',
    info: {
      title: 'shopchat host API',
      version: options.version ?? '0.1.0',
      description:
        'The customer chat API of the shop assistant. `POST /api/chat` speaks the AI SDK UI message stream ' +
        'protocol, so the `ai` package’s chat client (or any `useChat` front end) works against it unchanged. ' +
        'The server keeps each conversation: it reads only the newest user message and approval answers.',
    },
    components: {
      schemas,
      securitySchemes: {
        customerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The shop’s signed-in customer: a JWT with `sub` = customer id, `aud` = `chat`, `exp`. Without one ' +
            'the caller is an anonymous visitor; a present but invalid token is refused with 401.',
        },
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A member of the shop’s staff: a JWT with `aud` = `console`, `sub` = staff id, `role` = `agent` | `admin`, `exp`.',
        },
        helpdeskSignature: HELPDESK_SIGNATURE_SCHEME,
      },
    },
    webhooks: handoff.webhooks,
    paths: {
      '/api/chat': {
        post: {
          operationId: 'sendChatMessage',
          summary: 'Send a message (or approval answers) and stream the assistant’s answer',
          description:
            `The newest user message may have at most ${options.maxMessageChars} characters; the body at most ` +
            `${options.bodyLimitBytes} bytes; ${options.turnsPerMinute} turns a minute per customer (or IP ` +
            'address for anonymous visitors). One turn per conversation at a time.',
          security: customer,
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChatRequest') } } },
          responses: {
            '200': eventStream('The assistant’s message as an AI SDK UI message stream.'),
            ...errors({
              '400': 'Invalid request; the message names the field.',
              '401': 'The customer token is invalid, expired or for another audience.',
              '403': 'The browser origin is not allowed.',
              '404': 'The conversation belongs to someone else, or there is nothing to answer.',
              '409': 'The conversation is still answering its previous message.',
              '413': 'The body is too large.',
              '415': 'The body is not JSON.',
              '429': 'Too many turns, or too many open streams; see Retry-After.',
              '500': 'Internal error.',
              '503': 'Busy, or customer sign-in cannot be checked right now.',
            }),
          },
        },
      },
      '/api/chat/{id}': {
        get: {
          operationId: 'getConversation',
          summary: 'The stored messages of the caller’s own conversation',
          security: customer,
          parameters: [idParameter],
          responses: {
            '200': {
              description: 'The conversation.',
              content: { 'application/json': { schema: ref('Conversation') } },
            },
            ...errors({
              '400': 'Invalid conversation id.',
              '401': 'The customer token is invalid, expired or for another audience.',
              '403': 'The browser origin is not allowed.',
              '404': 'No such conversation for this caller (missing, expired or someone else’s).',
              '429': 'Too many reads; see Retry-After.',
              '503': 'Customer sign-in cannot be checked right now.',
            }),
          },
        },
      },
      '/api/chat/{id}/stream': {
        get: {
          operationId: 'resumeChatStream',
          summary: 'Resume the running turn’s stream: a replay of the whole assistant message, then live',
          security: customer,
          parameters: [idParameter],
          responses: {
            '200': eventStream('The running turn’s assistant message, replayed from its start and followed live.'),
            '204': { description: 'No turn is running in this conversation.' },
            ...errors({
              '400': 'Invalid conversation id.',
              '401': 'The customer token is invalid, expired or for another audience.',
              '403': 'The browser origin is not allowed.',
              '404': 'The conversation belongs to someone else.',
              '429': 'Too many reads, or too many open streams; see Retry-After.',
              '503': 'Customer sign-in cannot be checked right now.',
            }),
          },
        },
      },
      '/api/tools': {
        get: {
          operationId: 'listTools',
          summary: 'The tools the host gathered from its MCP servers',
          responses: {
            '200': { description: 'The tools.', content: { 'application/json': { schema: ref('ToolsResponse') } } },
          },
        },
      },
      ...record.paths,
      ...handoff.paths,
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          responses: {
            '200': {
              description: 'OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
  };
}

function eventStream(description: string): JsonObject {
  return {
    description,
    headers: {
      'x-vercel-ai-ui-message-stream': { description: 'Protocol version.', schema: { type: 'string', const: 'v1' } },
    },
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            'Server-Sent Events: each event is `data: <UIMessageChunk JSON>`, the last one `data: [DONE]`; ' +
            'comment lines keep the connection alive.',
        },
        // OpenAPI 3.2's `itemSchema`, as an extension: the schema of each event's data.
        'x-item-schema': ref('UIMessageChunk'),
      },
    },
  };
}

function errors(descriptions: Record<string, string>): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [
      status,
      {
        description,
        ...(status === '429'
          ? { headers: { 'retry-after': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
          : {}),
        content: { 'application/json': { schema: ref('ApiError') } },
      },
    ]),
  );
}

/** JSON Schemas of named zod schemas, cross-referenced as `#/components/schemas/<name>`. */
function componentSchemas(io: 'input' | 'output', named: Record<string, z.ZodType>): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, stripMeta(schema as JsonObject)]));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  return stripMeta(z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonObject);
}

/** Embedded schemas take their dialect from the document and need no id of their own. */
function stripMeta({ $schema: _schema, $id: _id, ...rest }: JsonObject): JsonObject {
  return rest;
}
