import type { Express } from 'express';
import type { HostApp } from '../create-host-app.ts';

/**
 * What a host process does: `all` serves the chat API and runs turns (in-process without `REDIS_URL`,
 * through the queue with it); `api` and `worker` are the two roles of a scaled-out host (`REDIS_URL`).
 */
export type HostRole = 'all' | 'api' | 'worker';

/** One role, built on the host base and ready to listen: its HTTP app and how it stops. */
export interface StartedRole {
  app: Express;
  /** The chat app; absent in the worker role. */
  host?: HostApp;
  /** Where turns run, for the startup log line. */
  turns: string;
  /** `/readyz` answers 503 from now on, so load balancers stop sending work here. */
  markDraining(): void;
  /** Resolves once the turns running here have finished; no new ones start. */
  drain(): Promise<unknown>;
  /** Cancels the turns still running after the grace period. */
  cancel(): Promise<void>;
  /** Closes the role's own connections (queue, worker connection, presence). */
  close(): Promise<void>;
}
