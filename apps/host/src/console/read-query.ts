import type { z } from 'zod';
import { ChatApiError } from '../chat/chat-api-error.ts';

/**
 * Parses a request part (query, body, path parameter) with its zod schema, or throws a 400 naming the first
 * field that is wrong, so a bad filter never reaches the database.
 */
export function readQuery<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : what;
  throw new ChatApiError('invalid_request', `Invalid request: ${field}: ${issue?.message ?? 'is invalid'}.`);
}
