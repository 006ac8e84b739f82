import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CHAT_API_ERROR_CODES, ChatApiError } from '../chat/chat-api-error.ts';

/** The body of every error answer of the host's API. */
export const ApiErrorBodySchema = z
  .object({
    error: z.enum(CHAT_API_ERROR_CODES).describe('Stable error code.'),
    message: z.string().describe('What went wrong, for a person: names the field or the limit.'),
  })
  .describe('An error. Never carries a stack trace or internal detail.');

export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

/** Known body-parser failures, by their `type`. */
const BODY_ERRORS: Record<string, (error: { limit?: number }) => ChatApiError> = {
  'entity.too.large': (error) =>
    new ChatApiError('payload_too_large', `The body exceeds the limit of ${error.limit ?? 'the allowed'} bytes.`),
  'entity.parse.failed': () => new ChatApiError('invalid_request', 'Invalid request: body: is not valid JSON.'),
  'encoding.unsupported': () => new ChatApiError('unsupported_media_type', 'Send the body as UTF-8 JSON.'),
  'charset.unsupported': () => new ChatApiError('unsupported_media_type', 'Send the body as UTF-8 JSON.'),
};

/** The router's failure to decode a path parameter (`%zz`): a 400 with a URIError inside. */
function isBadPathEncoding(error: unknown): boolean {
  return error instanceof URIError || (error as { cause?: unknown })?.cause instanceof URIError;
}

/** The route's pattern (`/api/chat/:id`) rather than the path: a conversation id in a URL is not logged. */
function loggedPath(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? pattern : req.path;
}

/**
 * The one place where the host API's errors become responses: a {@link ChatApiError} keeps its status and
 * message, body-parser failures get theirs, and anything else is logged in full and answered with an
 * opaque 500.
 */
export function createApiErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'request.aborted') return; // the client left; nobody to answer
    const known =
      error instanceof ChatApiError
        ? error
        : typeof type === 'string'
          ? BODY_ERRORS[type]?.(error)
          : isBadPathEncoding(error)
            ? new ChatApiError('invalid_request', 'Invalid request: the path is not valid percent-encoding.')
            : undefined;
    if (res.headersSent) {
      // A stream was already under way: nothing can be answered any more, only closed.
      log.error({ err: error, path: loggedPath(req) }, 'error after the response started');
      res.end();
      return;
    }
    if (known) {
      if (known.status >= 500)
        log.warn({ err: known.cause ?? known, path: loggedPath(req), code: known.code }, known.message);
      if (known.retryAfterSeconds !== undefined) res.set('retry-after', String(known.retryAfterSeconds));
      res.status(known.status).json({ error: known.code, message: known.message } satisfies ApiErrorBody);
      return;
    }
    log.error({ err: error, method: req.method, path: loggedPath(req) }, 'unhandled error');
    res.status(500).json({
      error: 'internal_error',
      message: 'The server could not process this request.',
    } satisfies ApiErrorBody);
  };
}
