import type { Express } from 'express';
import type { Logger } from 'pino';
import type { HostRecordDeps } from '../console/mount-record.ts';
import type { ChatRoutes } from '../http/create-chat-routes.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import { createHandoffRoutes } from './create-handoff-routes.ts';
import { createHandoffs } from './handoffs.ts';
import type { HandoffState } from './open-handoff-state.ts';

/** Mounts the hand-off routes over the chat routes' conversations and turn lock. */
export function mountHandoff(
  app: Express,
  deps: { record: HostRecordDeps; handoff: HandoffState; verifyCustomerToken: VerifyCustomerToken; log: Logger },
  chat: Pick<ChatRoutes, 'store' | 'hub'>,
): void {
  const handoffs = createHandoffs({
    ...deps.handoff,
    conversations: chat.store,
    hub: chat.hub,
    db: deps.record.db,
    log: deps.log,
    ...(deps.record.now ? { now: deps.record.now } : {}),
  });
  app.use(
    createHandoffRoutes({
      handoffs,
      conversations: chat.store,
      verifyCustomerToken: deps.verifyCustomerToken,
      verifyStaffToken: deps.record.verifyStaffToken,
    }),
  );
}
