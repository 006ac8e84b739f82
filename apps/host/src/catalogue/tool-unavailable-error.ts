/**
 * Why a tool call produced no result. Stable strings: logs, metrics and the tool loop switch on them.
 *
 * - `server_unavailable`: the server is down or unreachable (its tools are marked unavailable meanwhile).
 * - `tool_not_found`: no such tool in the catalogue, or the server no longer offers it (after a refresh).
 * - `timeout`: no answer within the per-call timeout; the HTTP request was abandoned.
 * - `cancelled`: the caller's signal aborted (the customer went away).
 * - `server_rejected`: the server refused the request at the HTTP level (service token, body size).
 * - `protocol_error`: a JSON-RPC error or a result that breaks the protocol or the tool's output schema.
 * - `identity_unavailable`: the call is for a customer but the host cannot sign identity tokens.
 * - `preview_unsupported`: a preview was asked of a server that never declared it can describe a change; the
 *   call is not sent (it would run for real).
 */
export type ToolUnavailableCode =
  | 'server_unavailable'
  | 'tool_not_found'
  | 'timeout'
  | 'cancelled'
  | 'server_rejected'
  | 'protocol_error'
  | 'identity_unavailable'
  | 'preview_unsupported';

const RETRYABLE: Record<ToolUnavailableCode, boolean> = {
  server_unavailable: true,
  tool_not_found: false,
  timeout: true,
  cancelled: false,
  server_rejected: false,
  protocol_error: false,
  identity_unavailable: false,
  preview_unsupported: false,
};

export interface ToolUnavailableErrorOptions extends ErrorOptions {
  /** The MCP server's configured name; unset when the tool name matched no server. */
  server?: string;
  /** The tool name as the caller used it. */
  tool: string;
}

/**
 * An infrastructure failure of a tool call: no tool result exists. A tool that ran and failed is not
 * this: its `isError` result is returned as data. The message names only the server and the tool, so
 * it is safe to show to the model; details stay in `cause` for the log.
 */
export class ToolUnavailableError extends Error {
  readonly code: ToolUnavailableCode;
  /** Worth trying again later (the same call may succeed once the server is back or less busy). */
  readonly isRetryable: boolean;
  readonly server: string | undefined;
  readonly tool: string;

  constructor(code: ToolUnavailableCode, options: ToolUnavailableErrorOptions) {
    super(describe(code, options.server, options.tool), options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'ToolUnavailableError';
    this.code = code;
    this.isRetryable = RETRYABLE[code];
    this.server = options.server;
    this.tool = options.tool;
  }
}

function describe(code: ToolUnavailableCode, server: string | undefined, tool: string): string {
  const service = server ? `the ${server} service` : 'its service';
  switch (code) {
    case 'server_unavailable':
      return `Could not run ${tool}: ${service} is unavailable right now.`;
    case 'tool_not_found':
      return server ? `The ${server} service no longer offers ${tool}.` : `There is no tool named ${tool}.`;
    case 'timeout':
      return `Gave up on ${tool}: ${service} did not answer in time.`;
    case 'cancelled':
      return `The call to ${tool} was cancelled.`;
    case 'server_rejected':
      return `Could not run ${tool}: ${service} refused the call.`;
    case 'protocol_error':
      return `Could not run ${tool}: ${service} answered with an invalid response.`;
    case 'preview_unsupported':
      return `${service} cannot describe ${tool} without running it, so it was not asked to.`;
    case 'identity_unavailable':
      return `Could not run ${tool} for the signed-in customer: the host cannot vouch for them to ${service}.`;
  }
}
