import type { z } from 'zod';
import {
  AgentReplyRequestSchema,
  AgentReplyResponseSchema,
  HANDOFF_LIMITS,
  HandoffResponseSchema,
  QueueResponseSchema,
  ReleaseRequestSchema,
} from './handoff-schemas.ts';
import { HandoffWebhookPayloadSchema, HelpdeskMessageRequestSchema } from './handoff-webhook-payloads.ts';
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from './handoff-webhook-signature.ts';

/** How both directions of the helpdesk webhook are signed, for the document's security scheme. */
export const HELPDESK_SIGNATURE_SCHEME = {
  type: 'apiKey',
  in: 'header',
  name: 'X-Shopchat-Signature',
  description:
    '`t=<unix seconds>,v1=<hex HMAC-SHA256>` with `HANDOFF_WEBHOOK_SECRET`. The host signs `"<t>.<raw body>"` ' +
    'of what it POSTs; the helpdesk signs `"<t>.<conversation id>.<raw body>"` of a reply. A timestamp more than ' +
    `${SIGNATURE_TOLERANCE_SECONDS / 60} minutes away, a wrong signature, or a signature already used is refused ` +
    'with 401; compare signatures in constant time.',
} as const;

type JsonObject = Record<string, unknown>;

/**
 * The hand-off operations for the host's OpenAPI document, from the zod schemas the routes parse with.
 * `helpers` are the document's own (as for the record's parts).
 */
export function handoffOpenApiParts(helpers: {
  ref: (id: string) => JsonObject;
  errors: (descriptions: Record<string, string>) => Record<string, JsonObject>;
  idParameter: JsonObject;
}): {
  inputSchemas: Record<string, z.ZodType>;
  outputSchemas: Record<string, z.ZodType>;
  paths: Record<string, JsonObject>;
  webhooks: Record<string, JsonObject>;
} {
  const { ref, errors, idParameter } = helpers;
  const staff = [{ staffToken: [] }];
  const json = (id: string, description: string) => ({
    description,
    content: { 'application/json': { schema: ref(id) } },
  });
  const body = (id: string) => ({ required: true, content: { 'application/json': { schema: ref(id) } } });
  const staffErrors = {
    '400': 'Invalid id or body; the message names the field.',
    '401': 'No staff token, or it is invalid or expired (a customer token is not a staff token).',
    '409': 'The conversation is not in a state that allows this (not waiting, or held by another agent).',
    '503': 'Staff sign-in cannot be checked right now.',
  };
  const sse = (description: string, item: string) => ({
    description,
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description: 'Server-Sent Events: `data: <JSON>` per event; comments keep it alive.',
        },
        'x-item-schema': ref(item),
      },
    },
  });
  const change = (operationId: string, summary: string, description: string, request?: string) => ({
    post: {
      operationId,
      summary,
      description,
      security: staff,
      parameters: [idParameter],
      ...(request ? { requestBody: body(request) } : {}),
      responses: { '200': json('HandoffResponse', 'The hand-off after the change.'), ...errors(staffErrors) },
    },
  });
  return {
    inputSchemas: {
      AgentReplyRequest: AgentReplyRequestSchema,
      ReleaseRequest: ReleaseRequestSchema,
      HelpdeskMessageRequest: HelpdeskMessageRequestSchema,
    },
    outputSchemas: {
      HandoffResponse: HandoffResponseSchema,
      HandoffQueue: QueueResponseSchema,
      AgentReplyResponse: AgentReplyResponseSchema,
      HandoffWebhookPayload: HandoffWebhookPayloadSchema,
    },
    webhooks: {
      handoffRequested: {
        post: {
          operationId: 'handoffRequested',
          summary: 'A conversation was handed to a person (sent to `HANDOFF_WEBHOOK_URL`)',
          description:
            `Signed in the \`${SIGNATURE_HEADER}\` header. Sent once per hand-off, retried with exponential ` +
            'backoff (1 s doubling to 60 s, 20 tries) until the helpdesk answers 2xx; answer the conversation ' +
            'with `POST /api/handoff/{id}/messages`.',
          security: [{ helpdeskSignature: [] }],
          requestBody: body('HandoffWebhookPayload'),
          responses: { '2XX': { description: 'Received; not sent again.' } },
        },
      },
    },
    paths: {
      '/api/chat/{id}/events': {
        get: {
          operationId: 'followConversationEvents',
          summary: 'The caller’s live conversation: a person’s messages, typing and the hand-off’s state',
          description:
            'An AI SDK UI message stream that stays open: a person’s message is an assistant message whose ' +
            '`messageMetadata.author` names them (`{ kind: "agent", name }`); transient `data-handoff` parts ' +
            '(`{ state, agent?, agentsAvailable }`, sent first on connect) and `data-typing` parts (`{ name }`). ' +
            'A reconnecting client reads `GET /api/chat/{id}` for what it missed. Opening it is a read ' +
            '(`CHAT_READS_PER_MINUTE`) and it counts against the open-stream caps of the chat’s streams.',
          security: [{}, { customerToken: [] }],
          parameters: [idParameter],
          responses: {
            '200': sse('Live events of the conversation.', 'UIMessageChunk'),
            ...errors({
              '400': 'Invalid conversation id.',
              '401': 'The customer token is invalid, expired or for another audience.',
              '404': 'No such conversation for this caller.',
              '429': 'Too many reads, or too many open streams; see Retry-After.',
            }),
          },
        },
      },
      '/api/console/queue': {
        get: {
          operationId: 'listHandoffQueue',
          summary: 'Conversations waiting for or with a person, longest waiting first',
          security: staff,
          responses: { '200': json('HandoffQueue', 'The queue.'), ...errors(staffErrors) },
        },
      },
      '/api/console/queue/events': {
        get: {
          operationId: 'followHandoffQueue',
          summary: 'The queue, live: a snapshot, then each change and each customer message',
          description:
            'Events: `{ type: "snapshot", conversations }` first, then `{ type: "handoff", handoff }` on every ' +
            'state change and `{ type: "message", conversationId, message }` when a customer writes. An agent ' +
            'with this stream open counts as signed in (customers are told someone will join). Opening it is a ' +
            'read (`CHAT_READS_PER_MINUTE`, per staff member); one staff member holds at most 4 open at once.',
          security: staff,
          responses: {
            '200': sse('The queue’s events.', 'HandoffQueue'),
            ...errors({ ...staffErrors, '429': 'Too many reads, or too many open queue streams; see Retry-After.' }),
          },
        },
      },
      '/api/console/conversations/{id}/claim': change(
        'claimConversation',
        'Take a waiting conversation',
        'Atomic across replicas: of two agents claiming at once, one gets 200 and the other 409.',
      ),
      '/api/console/conversations/{id}/messages': {
        post: {
          operationId: 'replyToCustomer',
          summary: 'Send the customer a message as the agent holding the conversation',
          description: `Text of 1 to ${HANDOFF_LIMITS.maxReplyChars} characters; it reaches the customer’s open widget on any replica.`,
          security: staff,
          parameters: [idParameter],
          requestBody: body('AgentReplyRequest'),
          responses: { '201': json('AgentReplyResponse', 'The stored message.'), ...errors(staffErrors) },
        },
      },
      '/api/console/conversations/{id}/typing': {
        post: {
          operationId: 'signalTyping',
          summary: 'Show the customer that the agent is typing',
          description:
            'At most one typing signal a second reaches the customer; the others are accepted (204) and dropped.',
          security: staff,
          parameters: [idParameter],
          responses: { '204': { description: 'Accepted.' }, ...errors(staffErrors) },
        },
      },
      '/api/console/conversations/{id}/release': change(
        'releaseConversation',
        'Hand the conversation back to the bot, or close it',
        'Only the agent holding it; a waiting conversation (a ticket) any agent may close.',
        'ReleaseRequest',
      ),
      '/api/handoff/{id}/messages': {
        post: {
          operationId: 'helpdeskReply',
          summary: 'The external helpdesk’s agent answers the customer (with `HANDOFF_WEBHOOK_URL` set)',
          description:
            `Text of 1 to ${HANDOFF_LIMITS.maxReplyChars} characters; it reaches the customer’s widget as a ` +
            'person’s message named by the author’s first name. The conversation must be handed over.',
          security: [{ helpdeskSignature: [] }],
          parameters: [idParameter],
          requestBody: body('HelpdeskMessageRequest'),
          responses: {
            '201': json('AgentReplyResponse', 'The stored message.'),
            ...errors({
              '400': 'Invalid id or body; the message names the field.',
              '401': 'The signature is missing, wrong, too old or already used; nothing changed.',
              '404': 'The live conversation has expired.',
              '409': 'The conversation is not handed over to a person.',
            }),
          },
        },
      },
      '/api/console/handoffs/{id}': {
        get: {
          operationId: 'getHandoff',
          summary: 'A handed-over conversation: the hand-off (with the bot’s summary) and the live messages',
          security: staff,
          parameters: [idParameter],
          responses: {
            '200': { description: 'The hand-off and the messages.' },
            ...errors({ ...staffErrors, '404': 'This conversation was never handed over.' }),
          },
        },
      },
    },
  };
}
