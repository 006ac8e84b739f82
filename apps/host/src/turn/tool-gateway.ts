/**
 * What the turn runner needs from the tool catalogue: the tools the model may see, what each one is, and a
 * way to call it for a caller. The catalogue (src/catalogue) implements it over MCP.
 */
export interface GatewayTool {
  /** Model-facing name (unique; prefixed by server on collisions). */
  name: string;
  server: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
  /**
   * Its server declared it can describe a planned call without making it (the preview capability). Absent or
   * false: the host never asks it for a preview, since the "preview" would be the real call.
   */
  previewable?: boolean;
}

/** An MCP `tools/call` result, as the gateway returns it. */
export interface GatewayToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface GatewayCallOptions {
  customerId?: string;
  signal: AbortSignal;
  timeoutMs: number;
  traceparent?: string;
  /** Describe the call instead of running it. */
  preview?: boolean;
  /** The same when the call is repeated after a crash; servers with side effects act once per key. */
  idempotencyKey?: string;
}

export interface ToolGateway {
  /** Tools of servers that are up, for the model. */
  availableTools(): GatewayTool[];
  /** A tool by model-facing name, available or not. */
  find(name: string): GatewayTool | undefined;
  /** Calls a tool; throws when its server cannot be reached (the runner turns that into an honest answer). */
  call(name: string, input: unknown, options: GatewayCallOptions): Promise<GatewayToolResult>;
}

/**
 * Whether the customer must approve a call of this tool before it runs: every tool except a read-only one
 * or one annotated `destructiveHint: false`.
 */
export function needsApproval(tool: GatewayTool): boolean {
  // The MCP default for a tool that is not read-only is destructive: absent hints mean "ask".
  if (tool.annotations.readOnlyHint === true) return false;
  return tool.annotations.destructiveHint !== false;
}
