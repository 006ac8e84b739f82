import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Staff } from '../console/verify-staff-token.ts';
import { callerOf } from './identify-caller.ts';

/**
 * Whom a limit counts: a staff member (the console's streams), the customer (from the verified token, so it
 * follows them across devices), else the client's address (IPv6 by /56 subnet). `req.ip` is the socket's peer
 * unless `TRUST_PROXY` names the proxies whose `X-Forwarded-For` to believe. Must run after `identifyCaller`
 * or the console's staff check.
 */
export function clientKeyOf(req: Request, res: Response): string {
  const staff = res.locals.staff as Staff | undefined;
  if (staff) return `staff:${staff.staffId}`;
  const caller = callerOf(res);
  return caller.kind === 'customer' ? `customer:${caller.customerId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
}
