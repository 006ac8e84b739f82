import type { Express } from 'express';
import type { Logger } from 'pino';
import type { HostRecordDeps } from '../console/mount-record.ts';
import type { ChatRoutes } from '../http/create-chat-routes.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import { createHandoffRoutes } from './create-handoff-routes.ts';
import { createHandoffWebhookRoutes } from './create-handoff-webhook-routes.ts';
import { createHandoffs } from './handoffs.ts';
import type { HandoffState } from './open-handoff-state.ts';

/**
 * Mounts the hand-off routes over the chat routes' conversations, turn lock and stream and read limits, and
 * with `HANDOFF_WEBHOOK_URL` the helpdesk's signed replies (`POST /api/handoff/:id/messages`). Returns the
 * shutdown: the live streams end and the process's event subscriber closes.
 */
export function mountHandoff(
  app: Express,
  deps: { record: HostRecordDeps; handoff: HandoffState; verifyCustomerToken: VerifyCustomerToken; log: Logger },
  chat: Pick<ChatRoutes, 'store' | 'hub' | 'streamLimits' | 'readLimit'>,
): { close(): Promise<void> } {
  const { webhook, ...state } = deps.handoff;
  const handoffs = createHandoffs({
    ...state,
    conversations: chat.store,
    hub: chat.hub,
    db: deps.record.db,
    log: deps.log,
    ...(deps.record.now ? { now: deps.record.now } : {}),
  });
  const routes = createHandoffRoutes({
    handoffs,
    conversations: chat.store,
    verifyCustomerToken: deps.verifyCustomerToken,
    verifyStaffToken: deps.record.verifyStaffToken,
    streamLimits: chat.streamLimits,
    readLimit: chat.readLimit,
  });
  app.use(routes.router);
  if (webhook) {
    app.use(
      createHandoffWebhookRoutes({
        handoffs,
        secret: webhook.settings.secret,
        replays: webhook.replays,
        ...(deps.record.now ? { now: deps.record.now } : {}),
      }),
    );
  }
  return {
    async close() {
      routes.endStreams();
      await handoffs.bus.close();
    },
  };
}
