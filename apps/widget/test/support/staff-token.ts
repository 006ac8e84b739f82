import { createHmac } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A staff token as the shop's staff sign-in signs it (HS256 with `CONSOLE_JWT_SECRET`, `sub`, `role`,
 * `aud: console`, `exp`), for driving the console's API from a widget test without importing the host app.
 */
export function signStaffToken(options: { secret: string; staffId: string; role?: 'agent' | 'admin' }): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ sub: options.staffId, role: options.role ?? 'agent', aud: 'console', iat: now, exp: now + 3600 }),
  );
  const signature = createHmac('sha256', options.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
