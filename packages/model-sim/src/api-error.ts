import type { ErrorType } from '@anthropic-ai/sdk/resources/shared';

/** The `error.type` values of the real API; `request_too_large` (413) is not in the SDK's union. */
export type ApiErrorType = ErrorType | 'request_too_large';

/** Status → error type, as the Messages API pairs them. */
const TYPE_BY_STATUS: Record<number, ApiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/**
 * A failure the client caused or is meant to see (validation, auth, a simulated overload). It knows its
 * status and becomes the real API's error body in the app's one error handler.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  /** Whether the same request may succeed later (rate limit, overload, internal error). */
  readonly isRetryable: boolean;

  constructor(status: number, message: string, options?: { type?: ApiErrorType; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.type = options?.type ?? TYPE_BY_STATUS[status] ?? 'api_error';
    this.isRetryable = status === 429 || status >= 500;
  }
}

/** The error body of the Messages API: `{"type":"error","error":{"type","message"},"request_id"}`. */
export interface ApiErrorBody {
  type: 'error';
  error: { type: ApiErrorType; message: string };
  request_id: string | null;
}

export function apiErrorBody(type: ApiErrorType, message: string, requestId: string | null): ApiErrorBody {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** 400 `invalid_request_error`, the most common kind. */
export function invalidRequest(message: string): ApiError {
  return new ApiError(400, message);
}
