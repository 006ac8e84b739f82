import type { CallToolResult, FetchLike } from '@modelcontextprotocol/client';
import type { CustomerTokenSigner } from '@shopchat/mcp-service';
import type { Logger } from 'pino';
import { buildCatalogueSnapshot, type CatalogueEntry, fingerprintOf } from './build-catalogue-snapshot.ts';
import {
  type CallOptions,
  type ConnectionSettings,
  McpServerConnection,
  type ServerStatus,
} from './mcp-server-connection.ts';
import type { McpServerConfig } from './parse-mcp-servers.ts';
import { type ToolUnavailableCode, ToolUnavailableError } from './tool-unavailable-error.ts';

/** One finished `call`, for metrics: `tool_error` is a result with `isError`, the rest are error codes. */
export interface ToolCallEvent {
  server: string | undefined;
  /** The model-facing name. */
  tool: string;
  outcome: 'ok' | 'tool_error' | ToolUnavailableCode;
  durationMs: number;
}

export interface CatalogueCallOptions extends CallOptions {
  /** Request-scoped logger (turn id, trace id) for the call's log line; default the catalogue's. */
  log?: Logger | undefined;
}

export interface ToolCatalogueSettings extends ConnectionSettings {
  /** How often each server's tool list is re-read and its hash compared, in milliseconds. */
  refreshIntervalMs: number;
}

/** Defaults, with units. */
export const TOOL_CATALOGUE_DEFAULTS = {
  /** `initialize` and the first listing on loopback or in a cluster take milliseconds; 5 s is an outage. */
  connectTimeoutMs: 5_000,
  listTimeoutMs: 5_000,
  /** Longer than the servers' own 10 s tool timeout, so their `timeout` result arrives as data first. */
  callTimeoutMs: 15_000,
  retryInitialDelayMs: 500,
  /** A server that comes back is in the catalogue again within 30 s at worst. */
  retryMaxDelayMs: 30_000,
  /** A server whose pagination never ends is refused rather than followed forever. */
  maxToolListPages: 20,
  /** Every tool costs prompt tokens on every model call; hundreds from one server is a mistake. */
  maxToolsPerServer: 128,
  /** One `tools/list` per server every 30 s is negligible load and bounds how stale the list gets. */
  refreshIntervalMs: 30_000,
} as const satisfies ToolCatalogueSettings;

export interface ToolCatalogueOptions {
  servers: readonly McpServerConfig[];
  logger: Logger;
  /** `MCP_SERVICE_TOKEN`: sent as `Authorization: Bearer …` to every server. */
  serviceToken?: string | undefined;
  /** Signs per-call customer identity tokens; unset: calls for a signed-in customer fail. */
  signer?: CustomerTokenSigner | undefined;
  settings?: Partial<ToolCatalogueSettings>;
  /** Replaces `fetch` for every MCP request (tests fake failures at the wire with it). */
  fetch?: FetchLike;
  /** Metrics hook, called once per `call`. */
  onToolCall?: (event: ToolCallEvent) => void;
  clientInfo?: { name: string; version: string };
  now?: () => number;
  random?: () => number;
}

export interface ToolCatalogue {
  /** Connects to every server in parallel; resolves once each has had its first attempt (never blocks on one). */
  start(): Promise<void>;
  /** Every server has had its first attempt and every required server is up: `/readyz` answers 200. */
  isReady(): boolean;
  /** Resolves when {@link isReady} becomes true; rejects if `signal` aborts first. */
  ready(signal?: AbortSignal): Promise<void>;
  /** All known tools, available or not, in a stable order (servers as configured, tools as listed). */
  entries(): readonly CatalogueEntry[];
  lookup(modelName: string): CatalogueEntry | undefined;
  /**
   * Calls a tool by its model-facing name. A tool's own failure is a result with `isError`; no result at
   * all throws {@link ToolUnavailableError} (server down, timeout, cancelled, unknown tool, …).
   */
  call(modelName: string, args: unknown, options?: CatalogueCallOptions): Promise<CallToolResult>;
  /** Each server's state, in configured order. */
  servers(): ServerStatus[];
  /**
   * Re-reads every up server's tool list now (or only `server`'s, e.g. after its endpoints changed);
   * resolves to whether anything changed.
   */
  refresh(server?: string): Promise<boolean>;
  /**
   * Replaces the server set at runtime (discovery): servers not in `servers` are closed and their tools
   * leave the catalogue; new ones connect in the background (at once if started); a server whose URL and
   * `required` did not change keeps its connection. The order of `servers` becomes the catalogue's order.
   */
  setServers(servers: readonly McpServerConfig[]): void;
  /** `listener` runs whenever entries or their availability change; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Stops timers and reconnection, aborts running calls. */
  close(): Promise<void>;
}

const HOST_CLIENT_INFO = { name: 'shopchat-host', version: '0.1.0' };

/**
 * Gathers the tools of every configured MCP server into one catalogue: names fit for the model (prefixed
 * by server on a collision), availability that follows each server's health, and calls routed back to
 * the owning server with the customer's identity. Nothing connects until `start()`.
 */
export function createToolCatalogue(options: ToolCatalogueOptions): ToolCatalogue {
  const settings = { ...TOOL_CATALOGUE_DEFAULTS, ...options.settings } satisfies ToolCatalogueSettings;
  validateSettings(settings);
  const log = options.logger.child({ component: 'tool-catalogue' });
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  const readinessWaiters = new Set<{ check: () => void; cancel: (reason: Error) => void }>();
  let started: Promise<void> | undefined;
  let firstAttemptsDone = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const connect = (server: McpServerConfig) =>
    new McpServerConnection({
      server,
      settings,
      logger: log,
      serviceToken: options.serviceToken,
      signer: options.signer,
      fetch: options.fetch,
      clientInfo: options.clientInfo ?? HOST_CLIENT_INFO,
      onChange: () => update(),
      ...(options.now ? { now: options.now } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
  /** Replaced, never mutated, by `setServers`: the refresh timer and snapshots always see one whole set. */
  let connections = options.servers.map(connect);
  /** The configuration each connection was built from, to tell a changed server from an unchanged one. */
  const configOf = new Map(connections.map((connection, index) => [connection, options.servers[index]]));
  let connectionByServer = new Map(connections.map((connection) => [connection.name, connection]));
  let snapshot = buildCatalogueSnapshot(connections);

  function update(): void {
    const fingerprint = fingerprintOf(connections);
    if (fingerprint !== snapshot.fingerprint) {
      snapshot = buildCatalogueSnapshot(connections);
      for (const listener of listeners) {
        try {
          listener();
        } catch (error) {
          log.error({ err: error }, 'tool catalogue change listener failed');
        }
      }
    }
    for (const waiter of readinessWaiters) waiter.check();
  }

  function isReady(): boolean {
    return firstAttemptsDone && connections.every((connection) => !connection.required || connection.isUp());
  }

  function record(event: ToolCallEvent, callLog: Logger, signedIn: boolean, originalName?: string): void {
    // The audit line: who (signed in or not; the servers log the customer id), what, outcome, duration.
    callLog.info(
      {
        mcpServer: event.server,
        tool: event.tool,
        originalName,
        outcome: event.outcome,
        durationMs: event.durationMs,
        signedIn,
      },
      'tool call',
    );
    try {
      options.onToolCall?.(event);
    } catch (error) {
      log.error({ err: error }, 'onToolCall hook failed');
    }
  }

  return {
    start() {
      started ??= (async () => {
        await Promise.all(connections.map((connection) => connection.start()));
        firstAttemptsDone = true;
        if (!closed) {
          refreshTimer = setInterval(() => {
            for (const connection of connections) if (connection.isUp()) void connection.refresh('periodic');
          }, settings.refreshIntervalMs);
          refreshTimer.unref();
        }
        const statuses = connections.map((connection) => connection.status());
        log.info(
          {
            servers: statuses.map(({ name, state, toolCount }) => ({ name, state, toolCount })),
            tools: snapshot.entries.filter((entry) => entry.available).length,
          },
          'tool catalogue started',
        );
        update();
      })();
      return started;
    },

    isReady,

    ready(signal) {
      if (isReady()) return Promise.resolve();
      if (closed) return Promise.reject(new Error('The tool catalogue is closed.'));
      return new Promise<void>((resolve, reject) => {
        const settle = (error?: unknown) => {
          readinessWaiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          if (error === undefined) resolve();
          else reject(error);
        };
        const onAbort = () => settle(signal?.reason);
        const waiter = {
          check: () => {
            if (isReady()) settle();
          },
          cancel: (reason: Error) => settle(reason),
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        readinessWaiters.add(waiter);
      });
    },

    entries: () => snapshot.entries,
    lookup: (modelName) => snapshot.byName.get(modelName),

    async call(modelName, args, callOptions = {}) {
      const started = now();
      const callLog = callOptions.log ?? log;
      const signedIn = callOptions.customerId !== undefined;
      const entry = snapshot.byName.get(modelName);
      if (!entry) {
        record({ server: undefined, tool: modelName, outcome: 'tool_not_found', durationMs: 0 }, callLog, signedIn);
        throw new ToolUnavailableError('tool_not_found', { tool: modelName });
      }
      const connection = connectionByServer.get(entry.server) as McpServerConnection;
      const event = { server: entry.server, tool: modelName };
      if (!isPlainObject(args)) {
        record({ ...event, outcome: 'tool_error', durationMs: 0 }, callLog, signedIn, entry.originalName);
        return notAnObject();
      }
      try {
        const result = await connection.callTool(entry.originalName, args, callOptions);
        const outcome = result.isError ? 'tool_error' : 'ok';
        record({ ...event, outcome, durationMs: now() - started }, callLog, signedIn, entry.originalName);
        return result;
      } catch (error) {
        const code = error instanceof ToolUnavailableError ? error.code : 'protocol_error';
        record({ ...event, outcome: code, durationMs: now() - started }, callLog, signedIn, entry.originalName);
        // Re-raised under the model-facing name, which is the one the loop and the model know.
        throw new ToolUnavailableError(code, {
          server: entry.server,
          tool: modelName,
          cause: error instanceof ToolUnavailableError ? (error.cause ?? error) : error,
        });
      }
    },

    servers: () => connections.map((connection) => connection.status()),

    async refresh(server) {
      const results = await Promise.all(
        connections
          .filter((connection) => connection.isUp() && (server === undefined || connection.name === server))
          .map((connection) => connection.refresh()),
      );
      return results.some(Boolean);
    },

    setServers(servers) {
      if (closed) return;
      const kept = new Set<McpServerConnection>();
      const next = servers.map((server) => {
        const existing = connectionByServer.get(server.name);
        const config = existing ? configOf.get(existing) : undefined;
        if (existing && config && config.url.href === server.url.href && config.required === server.required) {
          kept.add(existing);
          return existing;
        }
        const connection = connect(server);
        configOf.set(connection, server);
        return connection;
      });
      const dropped = connections.filter((connection) => !kept.has(connection));
      const added = next.filter((connection) => !kept.has(connection));
      connections = next;
      connectionByServer = new Map(connections.map((connection) => [connection.name, connection]));
      for (const connection of dropped) {
        configOf.delete(connection);
        void connection.close();
      }
      // Before start(), start() connects them; after it, they connect now, in the background.
      if (started) for (const connection of added) void connection.start();
      if (dropped.length > 0 || added.length > 0) {
        log.info(
          { servers: connections.map((connection) => connection.name), added: added.map((c) => c.name) },
          'tool catalogue servers replaced',
        );
      }
      update();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      closed = true;
      if (refreshTimer) clearInterval(refreshTimer);
      listeners.clear();
      for (const waiter of readinessWaiters) waiter.cancel(new Error('The tool catalogue closed before it was ready.'));
      await Promise.all(connections.map((connection) => connection.close()));
    },
  };
}

/** MCP tool arguments are a JSON object; anything else is the model's mistake, answered as data it can fix. */
function notAnObject(): CallToolResult {
  return { content: [{ type: 'text', text: 'The tool arguments must be a JSON object.' }], isError: true };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateSettings(settings: ToolCatalogueSettings): void {
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Tool catalogue setting ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  if (settings.retryMaxDelayMs < settings.retryInitialDelayMs) {
    throw new RangeError('Tool catalogue setting retryMaxDelayMs must not be below retryInitialDelayMs');
  }
}
