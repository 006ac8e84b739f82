import type { ToolCatalogue } from '../catalogue/tool-catalogue.ts';
import { createHostApp, type HostApp, type HostAppDeps } from '../create-host-app.ts';
import { openHandoffState } from '../handoff/open-handoff-state.ts';
import { mintDemoCustomerTokens } from '../identity/demo-customer-tokens.ts';
import { createCustomerTokenVerifier } from '../identity/verify-customer-token.ts';
import type { TurnRunner } from '../turn/turn-contract.ts';
import type { HostBase } from './open-host-base.ts';

/**
 * Where the chat app's turns go: a runner in this process (with the conversation store it shares), or the
 * chat state and queue in Redis.
 */
export type ChatTurnsPlace =
  | { runner: TurnRunner; chatState?: Pick<NonNullable<HostAppDeps['chatState']>, 'store'> }
  | { chatState: NonNullable<HostAppDeps['chatState']> };

/** The chat API of the `all` and `api` roles, with the customer token verifier and (on request) demo tokens. */
export async function createChatApp(
  base: HostBase,
  catalogue: ToolCatalogue,
  turns: ChatTurnsPlace,
  listTools?: HostAppDeps['listTools'],
): Promise<HostApp> {
  const { chatSettings } = base;
  const demoTokens =
    base.env.SERVE_DEMO_TOKENS === 'true' && chatSettings.customerTokens.secret
      ? await mintDemoCustomerTokens(chatSettings.customerTokens.secret)
      : undefined;
  return createHostApp({
    catalogue,
    ...(demoTokens ? { demoTokens } : {}),
    ...turns,
    ...(listTools ? { listTools } : {}),
    verifyCustomerToken: createCustomerTokenVerifier(chatSettings.customerTokens),
    chat: chatSettings,
    turnLimits: base.settings.turn,
    log: base.log,
    registry: base.registry,
    record: base.record.app,
    handoff: openHandoffState(base),
    discoveryConflicts: base.discoveryConflicts,
    edge: {
      ...(base.settings.trustProxy !== undefined ? { trustProxy: base.settings.trustProxy } : {}),
      ...(base.settings.allowedHosts ? { allowedHosts: base.settings.allowedHosts } : {}),
    },
  });
}
