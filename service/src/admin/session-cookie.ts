import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { ADMIN_SESSION_COOKIE, type StartedSession } from './session-contract.js';

/** `alwaysSecure`: Secure even over plain HTTP, for TLS ended at a proxy that does not say so (config admin.secureCookie). */
export interface SessionCookieOptions {
  readonly alwaysSecure?: boolean;
}

/**
 * Sets the console session cookie: HttpOnly (no script reads it), SameSite=Strict (never sent from
 * another site), Path=/ and, over https, Secure. It lasts until the session's absolute expiry; the
 * idle timeout is enforced by the store.
 */
export function setSessionCookie(req: Request, res: Response, session: StartedSession, options: SessionCookieOptions = {}): void {
  res.cookie(ADMIN_SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: req.secure || options.alwaysSecure === true,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response, options: SessionCookieOptions = {}): void {
  res.clearCookie(ADMIN_SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure || options.alwaysSecure === true });
}

/** The session cookie's value, when the request carries one. */
export function sessionTokenOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parseCookie(header)[ADMIN_SESSION_COOKIE];
}
