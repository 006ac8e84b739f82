import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type PublicTool, publicToolList } from './catalogue/published-tool-list.ts';
import type { ToolCatalogue } from './catalogue/tool-catalogue.ts';
import { type HostRecordDeps, mountRecord } from './console/mount-record.ts';
import type { DiscoveryConflict } from './discovery/kubernetes-discovery.ts';
import { mountHandoff } from './handoff/mount-handoff.ts';
import type { HandoffState } from './handoff/open-handoff-state.ts';
import { type AllowedHosts, checkHost, LOOPBACK_ALLOWED_HOSTS } from './http/allowed-hosts.ts';
import { createApiErrorHandler } from './http/api-error-handler.ts';
import type { ChatApiSettings } from './http/chat-api-settings.ts';
import { createCors } from './http/cors.ts';
import { type ChatRoutes, type ChatRoutesDeps, createChatRoutes } from './http/create-chat-routes.ts';
import { createWidgetRoutes, demoPageScriptHashes } from './http/create-widget-routes.ts';
import { createSecurityHeaders } from './http/security-headers.ts';
import type { ToolsResponse } from './http/tools-response-schema.ts';
import type { TrustProxy } from './http/trust-proxy.ts';
import type { VerifyCustomerToken } from './identity/verify-customer-token.ts';
import type { TurnRunner } from './turn/turn-contract.ts';
import type { TurnLimits } from './turn/turn-limits.ts';

export interface HostAppDeps {
  catalogue: ToolCatalogue;
  /** Runs turns in this process; without it, `chatState.dispatcher` sends them to the workers. */
  runner?: TurnRunner;
  verifyCustomerToken: VerifyCustomerToken;
  chat: Pick<ChatApiSettings, 'api'>;
  /** The turn's limits (`loadTurnLimits`); `TURN_LIMITS` when absent. */
  turnLimits?: Partial<TurnLimits>;
  log: Logger;
  registry: Registry;
  /** Demo customer tokens for the demo page (`npm start` only). */
  demoTokens?: Record<string, string>;
  /** Chat state in Redis (REDIS_URL); in memory without it. */
  chatState?: Pick<ChatRoutesDeps, 'store' | 'hub' | 'rateLimitStore' | 'readRateLimitStore' | 'dispatcher'>;
  /**
   * What `GET /api/tools` lists; default the catalogue's. The API of a scaled-out host reads the list the workers
   * publish, as it never talks to the MCP servers itself.
   */
  listTools?: () => Promise<PublicTool[]>;
  /** Readiness beyond the catalogue's (the API of a scaled-out host: Redis answers). */
  isReady?: () => boolean;
  /** Server names two Services claim (discovery): reported on `/readyz`; the first admitted keeps serving. */
  discoveryConflicts?: () => readonly DiscoveryConflict[];
  /** The conversation record and the staff console over it; unset, nothing is recorded. */
  record?: HostRecordDeps;
  /** Hand-offs to people (store, events, presence); unset, the console has no queue. Needs `record`. */
  handoff?: HandoffState;
  /** The proxies to believe (`TRUST_PROXY`) and the Host names to answer (`ALLOWED_HOSTS`, loopback by default). */
  edge?: { trustProxy?: TrustProxy; allowedHosts?: AllowedHosts };
}

export interface HostApp {
  app: Express;
  chat: ChatRoutes;
  /** From now on `/readyz` answers 503, so load balancers stop sending chats here. */
  markDraining(): void;
  /** On shutdown, before connections are cut: the hand-off's live streams end and its event subscriber closes. */
  closeLive(): Promise<void>;
}

/**
 * The host's HTTP app: the chat API, `GET /api/tools`, the widget and probes, behind the Host check and the
 * security headers. Metrics are not here: they have their own port (`createMetricsApp`). Nothing listens
 * yet; `main.ts` and `start-host.ts` do that.
 */
export function createHostApp(deps: HostAppDeps): HostApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Unset: `req.ip` is the socket's peer, and a forged X-Forwarded-For changes nothing.
  if (deps.edge?.trustProxy !== undefined) app.set('trust proxy', deps.edge.trustProxy);
  const allowedHosts = deps.edge?.allowedHosts ?? LOOPBACK_ALLOWED_HOSTS;
  app.use(checkHost(allowedHosts));
  app.use(createSecurityHeaders({ inlineScriptHashes: demoPageScriptHashes() }));
  let draining = false;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const conflicts = deps.discoveryConflicts?.() ?? [];
    const detail = {
      servers: deps.catalogue.servers().map((s) => ({ name: s.name, state: s.state, tools: s.toolCount })),
      ...(conflicts.length > 0 ? { conflicts } : {}),
    };
    if (draining) return void res.status(503).json({ status: 'draining', ...detail });
    // Ready once the required MCP servers are up; optional ones may still be coming.
    if (!deps.catalogue.isReady() || deps.isReady?.() === false) {
      return void res.status(503).json({ status: 'not_ready', ...detail });
    }
    res.json({ status: 'ready', ...detail });
  });
  const listTools = deps.listTools ?? (async () => publicToolList(deps.catalogue));
  // The widget reads the tools' icons from the shop's pages: the chat API's browser origins apply.
  app.get('/api/tools', createCors({ allowedOrigins: deps.chat.api.corsAllowedOrigins }), async (_req, res, next) => {
    try {
      const body: ToolsResponse = { tools: await listTools() };
      res.json(body);
    } catch (error) {
      next(error);
    }
  });

  const chat = createChatRoutes({
    ...(deps.runner ? { runner: deps.runner } : {}),
    verifyCustomerToken: deps.verifyCustomerToken,
    log: deps.log,
    registry: deps.registry,
    options: { ...deps.chat.api, allowedHosts },
    ...(deps.turnLimits ? { turnLimits: deps.turnLimits } : {}),
    ...deps.chatState,
    ...(deps.record?.hook ? { recorder: deps.record.hook } : {}),
  });
  app.use(chat.router);
  if (deps.record) mountRecord(app, deps.record, chat.store, deps.verifyCustomerToken);
  const handoff =
    deps.record && deps.handoff
      ? mountHandoff(app, { ...deps, record: deps.record, handoff: deps.handoff }, chat)
      : undefined;
  app.use(createWidgetRoutes(deps.demoTokens ? { demoTokens: deps.demoTokens } : {}));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint. The chat API is at /api/chat.' });
  });
  app.use(createApiErrorHandler(deps.log));
  return {
    app,
    chat,
    markDraining() {
      draining = true;
    },
    closeLive: async () => handoff?.close(),
  };
}
