import { SignJWT } from 'jose';
import { DEMO_TOKEN_TTL_SECONDS } from '../identity/demo-customer-tokens.ts';
import { STAFF_TOKEN_DEFAULTS, type Staff } from './verify-staff-token.ts';

/** The demo shop's staff member `npm start` prints a token for. */
export const DEMO_STAFF: Staff = { staffId: 'staff_dana', role: 'admin' };

/**
 * Signs a staff token the way the shop's staff sign-in would (HS256, `sub`, `role`, `aud: console`, `exp`):
 * for `npm start` to print the demo staff token, and for tests.
 */
export async function mintStaffToken(options: {
  /** `CONSOLE_JWT_SECRET`. */
  secret: string;
  staff?: Staff;
  /** Seconds from now; negative mints an expired token (tests). */
  ttlSeconds?: number;
  audience?: string;
}): Promise<string> {
  const staff = options.staff ?? DEMO_STAFF;
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: staff.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(staff.staffId)
    .setAudience(options.audience ?? STAFF_TOKEN_DEFAULTS.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? DEMO_TOKEN_TTL_SECONDS))
    .sign(new TextEncoder().encode(options.secret));
}
