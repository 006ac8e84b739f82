import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { ConfigError, createLogger } from '@shopchat/mcp-service';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadCatalogueConfig } from './catalogue/load-catalogue-config.ts';
import { createToolCatalogue, type ToolCatalogue } from './catalogue/tool-catalogue.ts';
import { createHostApp, type HostApp } from './create-host-app.ts';
import { loadHostSettings } from './host-settings.ts';
import { loadChatApiSettings } from './http/chat-api-settings.ts';
import { createCustomerTokenVerifier } from './identity/verify-customer-token.ts';
import { catalogueGateway } from './turn/catalogue-gateway.ts';
import { createClaudeTurnRunner } from './turn/claude-turn-runner.ts';
import { createTurnMetrics } from './turn/turn-metrics.ts';

export interface RunningHost {
  url: string;
  port: number;
  http: Server;
  host: HostApp;
  catalogue: ToolCatalogue;
  /** Graceful stop: not ready, no new connections, running turns finish (bounded), then close. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the host from environment-shaped settings: the catalogue connects in the background
 * (a server that is down does not block startup), the chat API listens at once.
 */
export async function startHost(env: NodeJS.ProcessEnv): Promise<RunningHost> {
  const settings = loadHostSettings(env);
  const chatSettings = loadChatApiSettings(env);
  const catalogueConfig = await loadCatalogueConfig(env);
  if (!catalogueConfig.signer) {
    throw new ConfigError(
      'MCP_IDENTITY_PRIVATE_KEY',
      'is required: it signs the customer identity the MCP servers trust',
    );
  }
  if (!chatSettings.customerTokens.secret && !chatSettings.customerTokens.jwksUrl) {
    throw new ConfigError(
      'CUSTOMER_JWT_SECRET',
      'or CUSTOMER_JWKS_URL is required to verify the shop’s customer tokens',
    );
  }
  const log = createLogger({ service: 'host', level: settings.logLevel });
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'host' });
  collectDefaultMetrics({ register: registry });

  const catalogue = createToolCatalogue({ ...catalogueConfig, logger: log });
  void catalogue.start().catch((error: unknown) => log.error({ err: error }, 'tool catalogue failed to start'));
  const client = new Anthropic({
    apiKey: settings.anthropicApiKey,
    ...(settings.anthropicBaseUrl ? { baseURL: settings.anthropicBaseUrl } : {}),
    maxRetries: settings.maxRetries,
  });
  const runner = createClaudeTurnRunner({
    client,
    model: settings.model,
    gateway: catalogueGateway(catalogue),
    log,
    metrics: createTurnMetrics(registry),
    limits: settings.turn,
  });
  const host = createHostApp({
    catalogue,
    runner,
    verifyCustomerToken: createCustomerTokenVerifier(chatSettings.customerTokens),
    chat: chatSettings,
    log,
    registry,
  });
  const http = host.app.listen(settings.port, settings.host);
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  log.info(
    { url, model: settings.model, modelEndpoint: settings.anthropicBaseUrl ?? 'Anthropic API' },
    'host listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    http,
    host,
    catalogue,
    stop() {
      stopping ??= (async () => {
        host.markDraining();
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        // Running turns finish (each is bounded by its own deadline), then the last streams are cut.
        await Promise.race([
          host.chat.turns.idle(),
          new Promise((resolve) => setTimeout(resolve, settings.shutdownGraceMs)),
        ]);
        http.closeAllConnections();
        await closed;
        await catalogue.close();
        log.info('host stopped');
      })();
      return stopping;
    },
  };
}
