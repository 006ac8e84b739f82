import { z } from 'zod';
import { invalidRequest } from './api-error.ts';
import { checkConversationRules } from './check-conversation-rules.ts';
import { type MessagesRequest, messagesRequestSchema } from './messages-request-schema.ts';

/**
 * Validates a request body as the real API would, or throws a 400 `ApiError` whose message names
 * the field in the API's own style (`messages.0.content: Field required`), so a host developer reading the
 * SDK's `BadRequestError` sees what to fix.
 */
export function parseMessagesRequest(body: unknown, options: { countingTokens?: boolean } = {}): MessagesRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body is not a JSON object.');
  }
  const schema = options.countingTokens ? countTokensRequestSchema : messagesRequestSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidRequest(issue ? describeIssue(issue, body, []) : 'Invalid request.');
  }
  const request = { ...parsed.data, max_tokens: parsed.data.max_tokens ?? 1 };
  const problem = checkConversationRules(request);
  if (problem) throw invalidRequest(problem);
  return request;
}

/** `POST /v1/messages/count_tokens` takes the same body without `max_tokens`. */
const countTokensRequestSchema = messagesRequestSchema.extend({ max_tokens: z.number().int().min(1).optional() });

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, body: unknown, prefix: PropertyKey[]): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const discriminator = (issue as { discriminator?: string }).discriminator;
    if (discriminator) {
      const found = valueAt(body, path);
      const options = ((issue as { options?: unknown[] }).options ?? []).map((option) => `'${String(option)}'`);
      return `${formatPath(path)}: Input tag '${String(found)}' found using '${discriminator}' does not match any of the expected tags: ${options.join(', ')}`;
    }
    // Report the branch that got furthest: for `string | Block[]`, the array branch's problem with a block.
    const deepest = issue.errors
      .map((branch) => branch[0])
      .filter((candidate): candidate is Issue => candidate !== undefined)
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) return describeIssue(deepest, body, path);
  }
  return `${formatPath(path)}: ${describeProblem(issue, valueAt(body, path))}`;
}

/** Pydantic-style wording, as the real API uses. */
function describeProblem(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'Field required';
      return `Input should be a valid ${issue.expected === 'int' ? 'integer' : issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return `String should have at least ${issue.minimum} character`;
      if (issue.origin === 'array') return `List should have at least ${issue.minimum} item`;
      return `Input should be greater than or equal to ${issue.minimum}`;
    case 'too_big':
      return `Input should be less than or equal to ${issue.maximum}`;
    case 'invalid_value':
      return `Input should be ${issue.values.map((v) => `'${String(v)}'`).join(' or ')}`;
    default:
      return issue.message;
  }
}

function formatPath(path: PropertyKey[]): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
