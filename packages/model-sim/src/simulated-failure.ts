import { ApiError } from './api-error.ts';

/** The request header that makes one request fail on purpose, to test a host's retry logic at the wire. */
export const FAIL_HEADER = 'x-model-sim-fail';

const FAILURES: Record<string, () => ApiError> = {
  '429': () =>
    new ApiError(429, 'This request would exceed the rate limit for your organization (simulated by model-sim).'),
  '500': () => new ApiError(500, 'Internal server error (simulated by model-sim).'),
  '529': () => new ApiError(529, 'Overloaded (simulated by model-sim).'),
};

/**
 * Decides whether a request fails on purpose: the header `x-model-sim-fail: 429|529|500` fails that
 * request; `overloadEvery` = N answers every Nth request with 529 `overloaded_error` (0 = never).
 */
export function createFailureSimulator(overloadEvery: number): (header: string | undefined) => ApiError | undefined {
  let count = 0;
  return (header) => {
    count++;
    if (header !== undefined) {
      const failure = FAILURES[header.trim()];
      if (!failure) return new ApiError(400, `${FAIL_HEADER}: expected one of 429, 500, 529; got "${header}".`);
      return failure();
    }
    if (overloadEvery > 0 && count % overloadEvery === 0) return FAILURES['529']?.();
    return undefined;
  };
}
