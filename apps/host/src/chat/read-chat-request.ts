import type { z } from 'zod';
import { jsonShapeProblem } from '../http/json-shape.ts';
import { normaliseMessageText } from '../http/message-text.ts';
import { ChatApiError } from './chat-api-error.ts';
import {
  ApprovalResponsePartSchema,
  CHAT_REQUEST_DEFAULTS,
  ChatRequestSchema,
  TextPartSchema,
} from './chat-request-schema.ts';

/** A customer's answer to an approval request, with what the client says it approved. */
export interface ApprovalResponse {
  approvalId: string;
  approved: boolean;
  reason?: string;
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** What the server takes from a chat request: nothing else in it is trusted. */
export interface ChatRequestReading {
  conversationId: string;
  /** The customer's new message, when the last message is a user message. */
  userMessage?: { id?: string; text: string };
  /** The answers in the last assistant message, when it carries approval answers. */
  approvalResponses: ApprovalResponse[];
}

const MESSAGE_ID = /^[\w-]{1,128}$/;

/**
 * Validates a chat request body and reads from it only the newest user message's text, or the approval
 * answers of the last assistant message. Throws a 400 {@link ChatApiError} naming the field at fault.
 */
export function readChatRequest(body: unknown, options: { maxMessageChars?: number } = {}): ChatRequestReading {
  const maxChars = options.maxMessageChars ?? CHAT_REQUEST_DEFAULTS.maxMessageChars;
  const request = parseOrThrow(ChatRequestSchema, body, []);
  if (request.trigger !== 'submit-message') {
    throw invalid(
      'trigger',
      'only "submit-message" is supported: the server keeps the conversation, so send a new message instead of regenerating',
    );
  }
  const index = request.messages.length - 1;
  const last = request.messages[index];
  if (!last) throw invalid('messages', 'must hold at least the new message');
  const path = ['messages', index];

  if (last.role === 'user') {
    const texts = last.parts.flatMap((part, i) =>
      part.type === 'text' ? [parseOrThrow(TextPartSchema, part, [...path, 'parts', i]).text] : [],
    );
    const checked = normaliseMessageText(texts.join('\n'));
    if ('problem' in checked) throw invalid(formatPath([...path, 'parts']), `the message ${checked.problem}`);
    const { text } = checked;
    if (text.trim() === '') throw invalid(formatPath(path), 'the new message has no text');
    const length = countChars(text);
    if (length > maxChars) {
      throw invalid(
        formatPath([...path, 'parts']),
        `the message is ${length} characters long; at most ${maxChars} are allowed`,
      );
    }
    return {
      conversationId: request.id,
      userMessage: { text, ...(MESSAGE_ID.test(last.id) ? { id: last.id } : {}) },
      approvalResponses: [],
    };
  }
  if (last.role === 'assistant') {
    const approvalResponses = last.parts.flatMap((part, i) => {
      if ((part as { state?: unknown }).state !== 'approval-responded') return [];
      const answer = parseOrThrow(ApprovalResponsePartSchema, part, [...path, 'parts', i]);
      // The input is hashed (compared with the approved call's): bounded first, so a crafted one is a 400.
      const shape = jsonShapeProblem(answer.input);
      if (shape) throw invalid(formatPath([...path, 'parts', i, 'input']), shape);
      return [
        {
          approvalId: answer.approval.id,
          approved: answer.approval.approved,
          ...(answer.approval.reason ? { reason: answer.approval.reason } : {}),
          toolCallId: answer.toolCallId,
          toolName: answer.type === 'dynamic-tool' ? (answer.toolName ?? '') : answer.type.slice('tool-'.length),
          input: answer.input,
        },
      ];
    });
    if (approvalResponses.length === 0) {
      throw invalid(formatPath(path), 'the last message must be a user message or carry approval answers');
    }
    return { conversationId: request.id, approvalResponses };
  }
  throw invalid(formatPath([...path, 'role']), 'the last message must come from the user');
}

/** Characters as a person counts them (code points), so an emoji is one, not two. */
function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, at: (string | number)[]): z.infer<T> {
  if (at.length === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new ChatApiError('invalid_request', 'The body must be a JSON object: { id, messages, trigger }.');
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = formatPath([...at, ...((issue?.path ?? []) as (string | number)[])]);
  const missing = issue !== undefined && valueAt(value, issue.path) === undefined;
  throw invalid(field || 'body', missing ? 'is required' : (issue?.message ?? 'is invalid'));
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function invalid(field: string, problem: string): ChatApiError {
  return new ChatApiError('invalid_request', `Invalid request: ${field}: ${problem}.`);
}

/** `['messages', 3, 'parts', 0, 'text']` → `messages[3].parts[0].text`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
}
