import { ERROR_CODE_META_KEY, PREVIEW_META_KEY } from '../tool-executor.ts';

/** A `tools/call` result as a client receives it. */
export interface ReceivedToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

/** What no answer may carry: stack frames, file positions, SQL errors, internal paths. */
export const INTERNAL_DETAIL =
  /\n\s+at |\bat \S+ \(\S+:\d+:\d+\)|\.[cm]?[jt]s:\d+|SQLSTATE|syntax error at|relation "|node_modules|"stack"/i;

/** Shortest error text that can say what was wrong and what to do. */
const MIN_ERROR_TEXT = 10;
/** Error codes that mean the server failed, not the request: hostile input must never cause them. */
const SERVER_FAULTS = new Set(['internal_error', 'timeout']);

export interface ToolResultProblem {
  kind: 'unclean' | 'leak';
  message: string;
}

export interface ToolResultExpectations {
  /** What was sent: a value echoed back from the arguments is not a leak. */
  input?: unknown;
  /** Strings this caller must never see (another customer's name, address, tracking numbers). */
  secrets?: readonly string[];
  /** The tool declares an output schema, so a success must carry structured content. */
  structured?: boolean;
}

/**
 * Why a result is not what a client may get, or `undefined` when it is: a success with text (and
 * structured content where the tool has an output schema), or a clean tool error (a stable code, a
 * readable message); never internal detail, never a secret the caller did not send, never a server fault.
 */
export function toolResultProblem(
  result: ReceivedToolResult,
  expect: ToolResultExpectations = {},
): ToolResultProblem | undefined {
  const body = JSON.stringify(result);
  const sent = JSON.stringify(expect.input ?? null);
  const leaked = (expect.secrets ?? []).find((secret) => body.includes(secret) && !sent.includes(secret));
  if (leaked) return { kind: 'leak', message: `the answer contains "${leaked}", which this caller may not see` };
  const internal = INTERNAL_DETAIL.exec(body);
  if (internal) return { kind: 'unclean', message: `the answer shows internal detail: "${internal[0]}"` };
  const text = (result.content ?? []).map((block) => block.text ?? '').join('');
  if (!result.isError) {
    if (text.length === 0) return { kind: 'unclean', message: 'a successful answer without text' };
    if (expect.structured && typeof result.structuredContent !== 'object') {
      return { kind: 'unclean', message: 'a successful answer without structured content' };
    }
    return undefined;
  }
  if (text.length < MIN_ERROR_TEXT) return { kind: 'unclean', message: `an error without a clear message: "${text}"` };
  if (result._meta?.[PREVIEW_META_KEY] === true) return undefined;
  const code = result._meta?.[ERROR_CODE_META_KEY];
  if (typeof code !== 'string' || !/^[a-z][a-z_]*$/.test(code)) {
    return { kind: 'unclean', message: `an error without a stable code: ${JSON.stringify(code)}` };
  }
  if (SERVER_FAULTS.has(code)) return { kind: 'unclean', message: `a server fault (${code}): ${text}` };
  return undefined;
}
