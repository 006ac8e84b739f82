import type { z } from 'zod';
import {
  ConsoleMetricsSchema,
  ConversationListQuerySchema,
  ConversationListSchema,
  ErasureResponseSchema,
  FeedbackRequestSchema,
  FeedbackResponseSchema,
  MetricsQuerySchema,
  TranscriptSchema,
} from './console-schemas.ts';

type JsonObject = Record<string, unknown>;

/** What the host's OpenAPI document needs of the record routes: their schemas and paths. */
export interface RecordOpenApiParts {
  inputSchemas: Record<string, z.ZodType>;
  outputSchemas: Record<string, z.ZodType>;
  paths: Record<string, JsonObject>;
}

/**
 * The feedback and console operations, from the same zod schemas the routes parse with. `helpers` are the
 * document's own: `ref` to a component, `errors` for error answers, `jsonSchema` for parameters.
 */
export function recordOpenApiParts(helpers: {
  ref: (id: string) => JsonObject;
  errors: (descriptions: Record<string, string>) => Record<string, JsonObject>;
  jsonSchema: (schema: z.ZodType, io: 'input' | 'output') => JsonObject;
  idParameter: JsonObject;
}): RecordOpenApiParts {
  const { ref, errors, jsonSchema, idParameter } = helpers;
  const staff = [{ staffToken: [] }];
  const json = (id: string, description: string) => ({
    description,
    content: { 'application/json': { schema: ref(id) } },
  });
  const queryParameters = (schema: z.ZodObject) =>
    Object.entries(schema.shape).map(([name, field]) => ({
      name,
      in: 'query',
      required: false,
      schema: jsonSchema(field as z.ZodType, 'input'),
    }));
  const staffErrors = {
    '401': 'No staff token, or it is invalid or expired (a customer token is not a staff token).',
    '503': 'Staff sign-in cannot be checked right now.',
  };
  return {
    inputSchemas: { FeedbackRequest: FeedbackRequestSchema },
    outputSchemas: {
      FeedbackResponse: FeedbackResponseSchema,
      ConversationList: ConversationListSchema,
      Transcript: TranscriptSchema,
      ConsoleMetrics: ConsoleMetricsSchema,
      ErasureResponse: ErasureResponseSchema,
    },
    paths: {
      '/api/chat/{id}/feedback': {
        post: {
          operationId: 'rateConversation',
          summary: 'Rate the caller’s own conversation (CSAT), once',
          security: [{}, { customerToken: [] }],
          parameters: [idParameter],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FeedbackRequest') } } },
          responses: {
            '201': json('FeedbackResponse', 'The rating is on record.'),
            ...errors({
              '400': 'Invalid id or body; the message names the field.',
              '401': 'The customer token is invalid, expired or for another audience.',
              '404': 'No such conversation for this caller.',
              '409': 'The conversation has already been rated.',
            }),
          },
        },
      },
      '/api/console/conversations': {
        get: {
          operationId: 'listRecordedConversations',
          summary: 'Recorded conversations, newest activity first, filtered and paged',
          security: staff,
          parameters: queryParameters(ConversationListQuerySchema),
          responses: {
            '200': json('ConversationList', 'One page of conversations.'),
            ...errors({ '400': 'A bad filter; the message names it.', ...staffErrors }),
          },
        },
      },
      '/api/console/conversations/{id}': {
        get: {
          operationId: 'getTranscript',
          summary: 'A conversation’s whole record: messages, tool calls, approvals, model calls, trace ids',
          security: staff,
          parameters: [idParameter],
          responses: {
            '200': json('Transcript', 'The transcript.'),
            ...errors({ '400': 'Invalid conversation id.', '404': 'Not on record.', ...staffErrors }),
          },
        },
      },
      '/api/console/metrics': {
        get: {
          operationId: 'getConsoleMetrics',
          summary: 'Outcome figures of the conversations started in a window (default: the last 7 days)',
          security: staff,
          parameters: queryParameters(MetricsQuerySchema),
          responses: {
            '200': json('ConsoleMetrics', 'The figures, in total and per day.'),
            ...errors({ '400': 'A bad window; the message says why.', ...staffErrors }),
          },
        },
      },
      '/api/console/customers/{customerId}/conversations': {
        delete: {
          operationId: 'eraseCustomer',
          summary: 'Erase every recorded conversation of one customer (admins only); leaves an audit entry',
          security: staff,
          parameters: [
            {
              name: 'customerId',
              in: 'path',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 128 },
            },
          ],
          responses: {
            '200': json('ErasureResponse', 'How many conversations were erased.'),
            ...errors({ '400': 'Invalid customer id.', '403': 'Staff who are not admins.', ...staffErrors }),
          },
        },
      },
    },
  };
}
