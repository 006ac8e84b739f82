import type { RequestHandler, Response } from 'express';
import type { VerifyCustomerToken } from '../identity/verify-customer-token.ts';
import type { ChatCaller } from '../turn/turn-contract.ts';

/** Verifies the request's customer token and keeps the caller for the next handlers (401 on a bad token). */
export function identifyCaller(verify: VerifyCustomerToken): RequestHandler {
  return async (req, res, next) => {
    res.locals.caller = await verify(req.headers.authorization);
    next();
  };
}

/** The caller {@link identifyCaller} found. */
export function callerOf(res: Response): ChatCaller {
  const caller = res.locals.caller as ChatCaller | undefined;
  if (!caller) throw new Error('identifyCaller must run before this handler');
  return caller;
}
