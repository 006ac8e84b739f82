import type { Database } from '@shopchat/postgres';
import express, { type Express } from 'express';
import type { ConversationStore } from '../chat/conversation-store.ts';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import type { TurnRecorderHook } from '../turn/turn-recorder-hook.ts';
import { createRecordRoutes } from './create-record-routes.ts';
import type { VerifyStaffToken } from './verify-staff-token.ts';

/** What the host app needs for the conversation record and the staff console. */
export interface HostRecordDeps {
  db: Database;
  /** Records the turns this process runs; unset on an API that hands turns to workers. */
  hook?: TurnRecorderHook;
  verifyStaffToken: VerifyStaffToken;
  /** The built console (apps/console/dist), served at `/console/`; unset: not served. */
  consoleDir?: string;
  now?: () => number;
}

/** Mounts the feedback and console API routes, and the console page at `/console/`. */
export function mountRecord(
  app: Express,
  record: HostRecordDeps,
  store: ConversationStore,
  verifyCustomerToken: VerifyCustomerToken,
): void {
  app.use(
    createRecordRoutes({
      db: record.db,
      store,
      verifyCustomerToken,
      verifyStaffToken: record.verifyStaffToken,
      ...(record.now ? { now: record.now } : {}),
    }),
  );
  if (record.consoleDir) {
    // Express matches `/console/` to this route too (non-strict routing): only the bare path is redirected.
    app.get('/console', (req, res, next) => {
      if (req.originalUrl.split('?')[0] === '/console') res.redirect(308, '/console/');
      else next();
    });
    app.use(
      '/console',
      (_req, res, next) => {
        // The host's whole Content-Security-Policy (helmet, on every answer) applies to the console as it is:
        // scripts and styles from this origin only, no framing. Here only: never cached by a shared proxy.
        res.set('cache-control', 'no-cache');
        next();
      },
      express.static(record.consoleDir, { index: 'index.html', fallthrough: true }),
    );
  }
}
