import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Caller } from './customer-identity.ts';
import { checkIcon, type McpIcon } from './define-icon.ts';
import type { TraceContext } from './trace-context.ts';

/**
 * The four MCP tool hints. Every definition states all four, because each is a decision the host acts
 * on: a `destructiveHint: true` tool never runs without the customer's explicit approval.
 */
export interface ToolAnnotations {
  /** The tool only reads: safe to run without asking. */
  readOnlyHint: boolean;
  /** The tool may destroy or irreversibly change data: the host asks the customer first. */
  destructiveHint: boolean;
  /** Calling it again with the same arguments has no further effect. */
  idempotentHint: boolean;
  /** The tool reaches systems outside this shop's own data. */
  openWorldHint: boolean;
}

/** What a handler knows about the call it serves. */
export interface ToolContext<NeedsCustomer extends boolean = boolean> {
  /** The signed-in customer, verified from the host's identity token; `anonymous` when there is none. */
  caller: NeedsCustomer extends true ? Extract<Caller, { kind: 'customer' }> : Caller;
  /** Request-scoped logger (carries request id, trace id, tool name). */
  log: Logger;
  /** Aborted when the client goes away or the per-call timeout fires; pass it to I/O. */
  signal: AbortSignal;
  /** Epoch milliseconds after which the result will no longer be delivered. */
  deadline: number;
  /** W3C trace context of the call, for propagation to downstream calls. */
  trace: TraceContext;
  /**
   * The caller's key for this call, the same when a call is repeated after a crash: a tool with side
   * effects records its outcome under it in the same transaction, and answers a repeat with that outcome.
   */
  idempotencyKey?: string;
}

/**
 * What a tool may return. `structured` must match the tool's output schema; `text` is the short readable
 * rendering sent beside it (the first thing a model or a human reads).
 */
export type ToolOutcome<Output> =
  | { ok: true; structured: Output; text: string }
  /** A domain failure the model can act on (order not found, not cancellable): data, not an exception. */
  | { ok: false; message: string; code: string };

export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  NeedsCustomer extends boolean = boolean,
> {
  /** Wire name: lowercase snake_case, unique within the server. */
  name: string;
  /** Human-readable name shown by clients. */
  title: string;
  /** Shown beside the title (2025-11-25 `icons`): tiny inline SVG (`svgIcon`) or https URLs. */
  icons?: readonly McpIcon[];
  /** Written for a model choosing between tools from a customer's words. */
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /** Refuse anonymous callers with a "please sign in" result before the handler runs. */
  needsCustomer: NeedsCustomer;
  /** Per-call timeout override in milliseconds; defaults to the service's `toolTimeoutMs`. */
  timeoutMs?: number;
  handler: (args: z.output<Input>, ctx: ToolContext<NeedsCustomer>) => Promise<ToolOutcome<z.input<Output>>>;
  /**
   * Says, in one sentence and without doing anything, exactly what this call would do ("Cancel order
   * A-1049: 2 items, €159.90; the payment is refunded to the card."). The host shows it on the customer's
   * approval card, so a destructive tool should have one: the server that owns the data words it. A call
   * the handler would refuse (no such order for this customer) is refused here too, with `toolFailure`, so
   * the customer is never asked to confirm something that cannot happen.
   */
  preview?: (args: z.output<Input>, ctx: ToolContext<NeedsCustomer>) => Promise<string | ToolOutcome<never>>;
}

/** Any tool definition, whatever its schemas: what a service's tool list holds. */
// biome-ignore lint/suspicious/noExplicitAny: the handler's argument type varies per tool; each definition is checked where it is written.
export type AnyToolDefinition = ToolDefinition<z.ZodObject, z.ZodObject, any>;

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Declares one tool: its schemas, hints and handler. The definition is all a server needs to serve it
 * over HTTP and stdio; the JSON Schemas are derived from the zod schemas once, when the service starts.
 */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject, NeedsCustomer extends boolean>(
  definition: ToolDefinition<Input, Output, NeedsCustomer>,
): ToolDefinition<Input, Output, NeedsCustomer> {
  if (!TOOL_NAME.test(definition.name)) {
    throw new TypeError(
      `Tool name "${definition.name}" is invalid: use 1-64 lowercase letters, digits and underscores, starting with a letter.`,
    );
  }
  const hints = definition.annotations;
  for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    if (typeof hints?.[key] !== 'boolean') {
      throw new TypeError(`Tool "${definition.name}" must state annotations.${key} (true or false).`);
    }
  }
  if (hints.readOnlyHint && hints.destructiveHint) {
    throw new TypeError(`Tool "${definition.name}" cannot be both read-only and destructive.`);
  }
  const icons = definition.icons?.map((icon) => checkIcon(icon, `Tool "${definition.name}"`));
  return Object.freeze({ ...definition, ...(icons ? { icons: Object.freeze(icons) } : {}) });
}

/** A successful outcome. */
export function toolResult<Output>(structured: Output, text: string): ToolOutcome<Output> {
  return { ok: true, structured, text };
}

/** A domain failure the model should see and can recover from. */
export function toolFailure(code: string, message: string): ToolOutcome<never> {
  return { ok: false, code, message };
}
