// The admin console's sign-in sessions, as the sign-in routes (local break-glass, Microsoft and
// Google OIDC) and the route guard use them. Implemented by sessions.ts.
import type { Principal } from '../auth/principal.js';

/** How an admin signed in; recorded on the session and in the audit log. */
export type SignInMethod = 'local' | 'microsoft' | 'google';

/** The cookie that carries a console session: HttpOnly, SameSite=Strict, Secure over https. */
export const ADMIN_SESSION_COOKIE = 'phiguard_admin';
/** Unsafe requests made with the session cookie must echo the session's CSRF token in this header. */
export const CSRF_HEADER = 'x-phi-guard-csrf';

export interface StartedSession {
  /** The cookie value: random, shown once; only its hash is stored. */
  readonly token: string;
  /** Echoed by the console in CSRF_HEADER on POST/PUT/PATCH/DELETE. */
  readonly csrf: string;
  readonly principal: Principal;
  readonly method: SignInMethod;
  readonly idleExpiresAt: Date;
  readonly expiresAt: Date;
}

export interface ActiveSession extends StartedSession {
  readonly id: string;
}

export interface AdminSessionStore {
  /** Starts a session for a principal that holds the admin or auditor role. */
  start(principal: Principal, method: SignInMethod): Promise<StartedSession>;
  /** The session for this cookie value if it is still valid; slides its idle expiry. */
  resolve(token: string): Promise<ActiveSession | undefined>;
  /** Ends the session (sign out); unknown tokens are ignored. */
  end(token: string): Promise<void>;
}
