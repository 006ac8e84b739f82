/**
 * The staff token of this browser tab, kept in `sessionStorage`: it survives a reload but not the tab, and
 * no other tab or site sees it. The console reads only the token's claims it shows (who, role, expiry);
 * the host verifies the token on every request.
 */
const KEY = 'shopchat-console:staff-token';

export interface StaffClaims {
  staffId: string;
  role: string;
  /** Epoch ms; undefined when the token carries none. */
  expiresAt: number | undefined;
}

export const staffSession = {
  token(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
  claims(): StaffClaims | null {
    const token = this.token();
    return token ? claimsOf(token) : null;
  },
};

/** The token's claims, read without verifying them (the host does that); null when it is not a JWT. */
export function claimsOf(token: string): StaffClaims | null {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    return {
      staffId: typeof payload.sub === 'string' ? payload.sub : '',
      role: typeof payload.role === 'string' ? payload.role : '',
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
    };
  } catch {
    return null;
  }
}
