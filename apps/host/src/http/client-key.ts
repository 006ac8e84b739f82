import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { callerOf } from './identify-caller.ts';

/**
 * Whom a limit counts: the customer (from the verified token, so it follows them across devices), else the
 * client's address (IPv6 by /56 subnet). `req.ip` is the socket's peer unless `TRUST_PROXY` names the proxies
 * whose `X-Forwarded-For` to believe. Must run after `identifyCaller`.
 */
export function clientKeyOf(req: Request, res: Response): string {
  const caller = callerOf(res);
  return caller.kind === 'customer' ? `customer:${caller.customerId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
}
