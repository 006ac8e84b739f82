/**
 * Every error the chat API answers with, by its stable, wire-visible code (clients and tests rely on these
 * names) and the HTTP status it stands for.
 */
export const CHAT_API_ERRORS = {
  invalid_request: 400,
  token_invalid: 401,
  token_expired: 401,
  token_audience: 401,
  origin_not_allowed: 403,
  forbidden: 403,
  not_found: 404,
  misdirected_request: 421,
  turn_in_progress: 409,
  already_rated: 409,
  handoff_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  identity_unavailable: 503,
  server_busy: 503,
} as const;

export type ChatApiErrorCode = keyof typeof CHAT_API_ERRORS;

export const CHAT_API_ERROR_CODES = Object.keys(CHAT_API_ERRORS) as ChatApiErrorCode[];

/**
 * A failure the chat API answers with a JSON body `{ error: code, message }`. The message is written for
 * the client (it names the field or the limit); details for operators go in `cause`, which is logged and
 * never sent.
 */
export class ChatApiError extends Error {
  readonly code: ChatApiErrorCode;
  readonly status: number;
  /** Trying the same request again later may succeed (busy, rate limited, identity provider down). */
  readonly isRetryable: boolean;

  /** Sent as `Retry-After` (seconds) when set: when trying again makes sense. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ChatApiErrorCode, message: string, options?: ErrorOptions & { retryAfterSeconds?: number }) {
    super(message, options);
    this.name = 'ChatApiError';
    this.code = code;
    this.status = CHAT_API_ERRORS[code];
    this.isRetryable = this.status === 409 || this.status === 429 || this.status === 503;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
