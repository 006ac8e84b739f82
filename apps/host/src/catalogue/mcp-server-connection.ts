import { setTimeout as sleep } from 'node:timers/promises';
import type { CallToolResult, Client, FetchLike, Tool } from '@modelcontextprotocol/client';
import { type CustomerTokenSigner, PREVIEW_META_KEY } from '@shopchat/mcp-service';
import type { Logger } from 'pino';
import { backoffDelay } from './backoff-delay.ts';
import { buildCallEnvelope } from './build-call-envelope.ts';
import { createScopedFetch, runInCallScope } from './call-scope.ts';
import { classifyMcpFailure, mayRepeatRequest } from './classify-mcp-failure.ts';
import { createMcpClient } from './create-mcp-client.ts';
import { hashToolList } from './hash-tool-list.ts';
import { listServerTools } from './list-server-tools.ts';
import type { McpServerConfig } from './parse-mcp-servers.ts';
import { ToolUnavailableError } from './tool-unavailable-error.ts';

/** Where a server stands: `connecting` until its first attempt ends, then `up` or `down`. */
export type ServerState = 'connecting' | 'up' | 'down';

export interface ServerStatus {
  name: string;
  state: ServerState;
  required: boolean;
  /** Epoch ms of the last change of `state`. */
  since: number;
  /** Why the last attempt or call failed (short, no secrets); unset while up. */
  lastError?: string;
  /** Failed connection attempts since the server was last up. */
  failedAttempts: number;
  /** Tools last listed (kept while the server is down, marked unavailable). */
  toolCount: number;
  /** The MCP revision of the current connection (the newest both sides speak); unset until connected. */
  protocolVersion?: string;
}

export interface ConnectionSettings {
  /** Deadline of `initialize` plus the first `tools/list`, in milliseconds. */
  connectTimeoutMs: number;
  /** Deadline of one `tools/list` refresh (all pages), in milliseconds. */
  listTimeoutMs: number;
  /** Default deadline of one `tools/call`, in milliseconds. */
  callTimeoutMs: number;
  /** First reconnection delay, in milliseconds; doubles per failure. */
  retryInitialDelayMs: number;
  /** Ceiling of the reconnection delay, in milliseconds. Retries never stop while the host runs. */
  retryMaxDelayMs: number;
  /** Pages of `tools/list` followed before the list is refused as runaway. */
  maxToolListPages: number;
  /** Tools kept from one server; the rest are dropped with a warning. */
  maxToolsPerServer: number;
}

export interface McpServerConnectionOptions {
  server: McpServerConfig;
  settings: ConnectionSettings;
  logger: Logger;
  /** Sent as `Authorization: Bearer …` on every request (`MCP_SERVICE_TOKEN`). */
  serviceToken?: string | undefined;
  /** Mints the per-call customer identity tokens; unset: only anonymous calls are possible. */
  signer?: CustomerTokenSigner | undefined;
  fetch?: FetchLike | undefined;
  clientInfo: { name: string; version: string };
  /** Called after every change of state or of the tool list. */
  onChange: () => void;
  now?: () => number;
  random?: () => number;
}

export interface CallOptions {
  /** The signed-in customer the call acts for; unset: an anonymous visitor (no identity token). */
  customerId?: string | undefined;
  /** Aborts the call (the customer went away). */
  signal?: AbortSignal | undefined;
  /** Overrides the default per-call timeout, in milliseconds. */
  timeoutMs?: number | undefined;
  /** W3C trace context of the turn, sent as HTTP headers and in `_meta`. */
  traceparent?: string | undefined;
  tracestate?: string | undefined;
  /** Get the tool's description of this exact call instead of running it (nothing changes). */
  preview?: boolean | undefined;
  /** The call's idempotency key, sent in `_meta` (see the turn runner's `toolCallIdempotencyKey`). */
  idempotencyKey?: string | undefined;
}

/** The SDK client of one successful connection, and the calls still running on it. */
interface Session {
  client: Client;
  inFlight: number;
  retired: boolean;
}

/**
 * A request whose connection failed before any answer is sent once more at once when that is safe (see
 * `mayRepeatRequest`): a rolling restart must not fail a customer's call on a stale keep-alive socket.
 */
const MAX_ATTEMPTS = 2;
/** Below this, a retry after an unknown-tool refresh could not finish; fail fast instead. */
const MIN_RETRY_BUDGET_MS = 100;
/** The SDK's own timer is a backstop behind the scope's deadline, which also closes the HTTP request. */
const SDK_TIMEOUT_SLACK_MS = 1_000;

/**
 * The host's link to one MCP server (stateless Streamable HTTP): connects in the background with capped
 * exponential backoff for as long as the host runs, lists its tools (all pages), refreshes them on demand,
 * and calls them with a fresh customer identity token each time. A transport failure marks the server
 * down and starts reconnecting; a tool's own failure (`isError`) is returned as data.
 */
export class McpServerConnection {
  readonly name: string;
  readonly required: boolean;
  private readonly options: McpServerConnectionOptions;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly fetch: FetchLike;
  private readonly closing = new AbortController();
  private session: Session | undefined;
  private state: ServerState = 'connecting';
  private since: number;
  private lastError: string | undefined;
  private failedAttempts = 0;
  private toolList: readonly Tool[] = [];
  private protocolVersion: string | undefined;
  private listHash = '';
  /** The server declared the preview capability when it last connected (see {@link describesPlannedCalls}). */
  private previews = false;
  private reconnecting: Promise<void> | undefined;
  /** Set and cleared synchronously by the loop itself, so a failure right after a reconnect starts a new one. */
  private reconnectActive = false;
  private refreshing: Promise<boolean> | undefined;
  private refreshAgain = false;
  private firstAttempt: Promise<void> | undefined;

  constructor(options: McpServerConnectionOptions) {
    this.options = options;
    this.name = options.server.name;
    this.required = options.server.required;
    this.log = options.logger.child({ mcpServer: this.name });
    this.now = options.now ?? Date.now;
    this.since = this.now();
    this.fetch = createScopedFetch(options.fetch ?? fetch);
  }

  /** Starts connecting in the background; resolves when the first attempt has ended, either way. */
  start(): Promise<void> {
    this.firstAttempt ??= new Promise<void>((resolve) => this.ensureReconnecting(resolve));
    return this.firstAttempt;
  }

  status(): ServerStatus {
    return {
      name: this.name,
      state: this.state,
      required: this.required,
      since: this.since,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      failedAttempts: this.failedAttempts,
      toolCount: this.toolList.length,
      ...(this.protocolVersion ? { protocolVersion: this.protocolVersion } : {}),
    };
  }

  isUp(): boolean {
    return this.state === 'up';
  }

  /** The tools last listed, as the server names them; kept while it is down. */
  tools(): readonly Tool[] {
    return this.toolList;
  }

  /**
   * Whether the server said, in its `initialize` capabilities (`experimental["dev.shopchat/preview"]`), that a
   * `tools/call` carrying the preview flag only describes the change. Only then is the flag sent: to any other
   * server it would be an ordinary call, and the action would happen before the customer approved it.
   */
  describesPlannedCalls(): boolean {
    return this.previews;
  }

  /** {@link hashToolList} of {@link tools}: changes exactly when the list does. */
  toolsHash(): string {
    return this.listHash;
  }

  /**
   * Lists the tools again if the server is up. Concurrent requests share one run; a `requested` refresh
   * arriving mid-run adds one more (a `list_changed` must not be answered by a listing that started
   * before it), a `periodic` one does not (a slow server must not be listed back to back).
   * Resolves to whether the list changed; never rejects.
   */
  refresh(reason: 'requested' | 'periodic' = 'requested'): Promise<boolean> {
    if (this.refreshing) {
      if (reason === 'requested') this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      let changed = false;
      do {
        this.refreshAgain = false;
        changed = (await this.refreshOnce()) || changed;
      } while (this.refreshAgain && this.isUp());
      return changed;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * Calls tool `name` (the server's own name for it). A result with `isError` is returned as is; no result
   * at all throws {@link ToolUnavailableError}. When the server says the tool is unknown, the list is
   * refreshed and the call retried once if the tool is still offered.
   */
  async callTool(name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<CallToolResult> {
    const deadline = this.now() + (options.timeoutMs ?? this.options.settings.callTimeoutMs);
    try {
      return await this.callOnce(name, args, options, deadline);
    } catch (error) {
      if (!(error instanceof ToolUnavailableError) || error.code !== 'tool_not_found') throw error;
      this.log.info({ tool: name }, 'server does not know a listed tool: refreshing its tool list');
      await this.refresh();
      if (!this.toolList.some((tool) => tool.name === name)) throw error;
      if (deadline - this.now() < MIN_RETRY_BUDGET_MS) {
        throw new ToolUnavailableError('timeout', { server: this.name, tool: name, cause: error });
      }
      return await this.callOnce(name, args, options, deadline);
    }
  }

  /** Stops reconnecting and refreshing, aborts running calls and closes the SDK client. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    const session = this.session;
    this.session = undefined;
    await this.reconnecting?.catch(() => {});
    if (session) await closeQuietly(session.client);
  }

  private async callOnce(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions,
    deadline: number,
  ): Promise<CallToolResult> {
    const session = this.session;
    if (!session || this.state !== 'up') {
      throw new ToolUnavailableError('server_unavailable', { server: this.name, tool: name });
    }
    if (options.signal?.aborted) throw new ToolUnavailableError('cancelled', { server: this.name, tool: name });
    // Never a real call in place of a preview: a server that did not declare previews is not asked for one.
    if (options.preview && !this.previews) {
      throw new ToolUnavailableError('preview_unsupported', { server: this.name, tool: name });
    }
    const { _meta, headers } = await buildCallEnvelope({
      server: this.name,
      tool: name,
      customerId: options.customerId,
      signer: this.options.signer,
      traceparent: options.traceparent,
      tracestate: options.tracestate,
      preview: options.preview,
      idempotencyKey: options.idempotencyKey,
    });
    const timeoutMs = Math.max(1, deadline - this.now());
    session.inFlight += 1;
    try {
      return await runInCallScope(
        { timeoutMs, signal: options.signal, closeSignal: this.closing.signal },
        async (scope) => {
          for (let attempt = 1; ; attempt += 1) {
            try {
              return await session.client.callTool(
                { name, arguments: args, _meta },
                { signal: scope.signal, timeout: timeoutMs + SDK_TIMEOUT_SLACK_MS, headers },
              );
            } catch (error) {
              const failure = classifyMcpFailure(error, scope.abortedBy());
              if (
                failure.serverDown &&
                attempt < MAX_ATTEMPTS &&
                mayRepeatRequest(error, this.harmlessToRepeat(name))
              ) {
                this.log.debug({ tool: name, reason: failure.detail }, 'repeating a call that never got an answer');
                continue;
              }
              if (failure.serverDown) this.markDown(session, failure.detail, error);
              throw new ToolUnavailableError(failure.code, { server: this.name, tool: name, cause: error });
            }
          }
        },
      );
    } finally {
      session.inFlight -= 1;
      if (session.retired && session.inFlight === 0) void closeQuietly(session.client);
    }
  }

  private ensureReconnecting(onFirstAttempt?: () => void): void {
    if (this.reconnectActive) return;
    this.reconnectActive = true;
    this.reconnecting = this.reconnectLoop(onFirstAttempt);
  }

  /** Connects until it succeeds or the connection is closed; `onFirstAttempt` fires after attempt one. */
  private async reconnectLoop(onFirstAttempt?: () => void): Promise<void> {
    try {
      await this.connectWithBackoff(onFirstAttempt);
    } finally {
      this.reconnectActive = false;
      onFirstAttempt?.();
    }
  }

  private async connectWithBackoff(onFirstAttempt?: () => void): Promise<void> {
    let attempt = 0;
    while (!this.closing.signal.aborted) {
      attempt += 1;
      try {
        await this.connectOnce();
        return;
      } catch (error) {
        if (this.closing.signal.aborted) return;
        this.failedAttempts += 1;
        const detail = error instanceof ConnectFailure ? error.detail : classifyMcpFailure(error).detail;
        this.setState('down', detail);
        const delayMs = backoffDelay(attempt, this.backoff(), this.options.random);
        this.log.warn(
          { attempt, retryInMs: delayMs, reason: detail, err: error },
          attempt === 1
            ? 'MCP server unreachable: its tools are unavailable until it answers'
            : 'MCP server still down',
        );
        onFirstAttempt?.();
        onFirstAttempt = undefined;
        try {
          await sleep(delayMs, undefined, { signal: this.closing.signal });
        } catch {
          return; // closed while waiting
        }
      }
    }
  }

  /** One `server/discover` or `initialize` + full `tools/list` on a fresh SDK client; on success the server is up. */
  private async connectOnce(): Promise<void> {
    const { client, transport } = createMcpClient({
      url: this.options.server.url,
      fetch: this.fetch,
      serviceToken: this.options.serviceToken,
      clientInfo: this.options.clientInfo,
      maxToolListPages: this.options.settings.maxToolListPages,
      log: this.log,
      onToolListChanged: () => {
        this.log.info('server announced a tool list change');
        void this.refresh();
      },
    });
    let tools: Tool[];
    try {
      tools = await runInCallScope(
        { timeoutMs: this.options.settings.connectTimeoutMs, closeSignal: this.closing.signal },
        async (scope) => {
          try {
            const timeout = this.options.settings.connectTimeoutMs + SDK_TIMEOUT_SLACK_MS;
            await client.connect(transport, { signal: scope.signal, timeout });
            return await this.listTools(client, scope.signal, timeout);
          } catch (error) {
            throw new ConnectFailure(classifyMcpFailure(error, scope.abortedBy()).detail, error);
          }
        },
      );
    } catch (error) {
      await closeQuietly(client);
      throw error;
    }
    if (this.closing.signal.aborted) {
      await closeQuietly(client);
      return;
    }
    const previous = this.session;
    this.previews = client.getServerCapabilities()?.experimental?.[PREVIEW_META_KEY] !== undefined;
    this.session = { client, inFlight: 0, retired: false };
    this.protocolVersion = client.getNegotiatedProtocolVersion();
    if (previous) this.retire(previous);
    this.failedAttempts = 0;
    const changed = this.applyTools(tools);
    this.setState('up');
    this.log.info(
      { tools: tools.length, changed, protocolVersion: this.protocolVersion },
      'MCP server up: tools gathered',
    );
  }

  private async refreshOnce(): Promise<boolean> {
    const session = this.session;
    if (!session || this.state !== 'up') return false;
    try {
      const tools = await runInCallScope(
        { timeoutMs: this.options.settings.listTimeoutMs, closeSignal: this.closing.signal },
        async (scope) => {
          try {
            return await this.listTools(
              session.client,
              scope.signal,
              this.options.settings.listTimeoutMs + SDK_TIMEOUT_SLACK_MS,
            );
          } catch (error) {
            if (scope.abortedBy() === 'closed') return undefined;
            const failure = classifyMcpFailure(error, scope.abortedBy());
            // A listing that times out means the server cannot serve; a bad page is only logged.
            if (failure.serverDown || failure.code === 'timeout') this.markDown(session, failure.detail, error);
            else
              this.log.warn({ err: error, reason: failure.detail }, 'tool list refresh failed; keeping the old list');
            return undefined;
          }
        },
      );
      if (!tools || session !== this.session) return false;
      const changed = this.applyTools(tools);
      if (changed) {
        this.log.info({ tools: tools.length }, 'tool list changed');
        this.options.onChange();
      }
      return changed;
    } catch (error) {
      this.log.warn({ err: error }, 'tool list refresh failed');
      return false;
    }
  }

  private listTools(client: Client, signal: AbortSignal, timeout: number): Promise<Tool[]> {
    return listServerTools(client, {
      signal,
      timeout,
      maxTools: this.options.settings.maxToolsPerServer,
      log: this.log,
    });
  }

  /** Repeating the call cannot do harm twice: the tool says it only reads, or is idempotent. */
  private harmlessToRepeat(name: string): boolean {
    const annotations = this.toolList.find((tool) => tool.name === name)?.annotations;
    return annotations?.readOnlyHint === true || annotations?.idempotentHint === true;
  }

  private applyTools(tools: readonly Tool[]): boolean {
    const hash = hashToolList(tools);
    if (hash === this.listHash) return false;
    this.toolList = Object.freeze([...tools]);
    this.listHash = hash;
    return true;
  }

  /** A failure on `session` says the server is gone: hide its tools and reconnect in the background. */
  private markDown(session: Session, detail: string, error: unknown): void {
    // A late failure from a client we already replaced says nothing about the current one.
    if (session !== this.session || this.closing.signal.aborted) return;
    this.session = undefined;
    this.retire(session);
    this.setState('down', detail);
    this.log.warn({ reason: detail, err: error }, 'MCP server went down: its tools are unavailable, reconnecting');
    this.ensureReconnecting();
  }

  /** Closes a replaced client once the calls still running on it have ended. */
  private retire(session: Session): void {
    session.retired = true;
    if (session.inFlight === 0) void closeQuietly(session.client);
  }

  private setState(state: ServerState, error?: string): void {
    const changed = state !== this.state || error !== this.lastError;
    if (state !== this.state) this.since = this.now();
    this.state = state;
    this.lastError = error;
    if (changed) this.options.onChange();
  }

  private backoff() {
    return {
      initialDelayMs: this.options.settings.retryInitialDelayMs,
      maxDelayMs: this.options.settings.retryMaxDelayMs,
    };
  }
}

/** A failed connection attempt, with the short reason shown in the server's status. */
class ConnectFailure extends Error {
  readonly detail: string;

  constructor(detail: string, cause: unknown) {
    super(`could not connect: ${detail}`, { cause });
    this.name = 'ConnectFailure';
    this.detail = detail;
  }
}

async function closeQuietly(client: Client): Promise<void> {
  await client.close().catch(() => {});
}
