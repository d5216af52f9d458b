import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { sessionTokenOf } from '../admin/session-cookie.js';
import { CSRF_HEADER, type AdminSessionStore } from '../admin/session-contract.js';
import type { Logger } from '../http/logger.js';
import { ProblemError } from '../http/problem.js';
import { requestIdOf } from '../http/request-id.js';
import { AuthError } from './errors.js';
import type { Principal, Role } from './principal.js';
import type { TokenVerifier } from './token-verifier.js';

/** `requireRole()` lets any signed-in caller in; `requireRole('admin', 'auditor')` only those roles. */
export type RequireRole = (...roles: Role[]) => RequestHandler;

const REALM = 'realm="phi-guard"';
/** Methods that change something: with a console session cookie they must carry the CSRF token. */
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Route guard: verifies the bearer token, sets `res.locals.principal`, and checks the role.
 * 401 problem+json with `WWW-Authenticate: Bearer` for a missing, invalid or expired token,
 * 403 for a valid token without the role (RFC 6750 §3.1).
 * With `sessions`, a request without an Authorization header may instead carry the admin
 * console's session cookie; unsafe methods must then echo the session's CSRF token in
 * CSRF_HEADER (403 `csrf_failed`), and an ended session is 401 `session_expired`.
 */
export function createRequireRole(verifier: TokenVerifier, logger: Logger, sessions?: Pick<AdminSessionStore, 'resolve'>): RequireRole {
  return (...roles) =>
    async (req, res, next) => {
      const header = req.get('authorization');
      const cookie = header === undefined && sessions !== undefined ? sessionTokenOf(req) : undefined;
      const principal = cookie === undefined ? await fromBearer(header, res) : await fromSession(req, cookie);
      res.locals.principal = principal;
      if (roles.length > 0 && !principal.roles.some((role) => roles.includes(role))) {
        throw new ProblemError('forbidden', 403, 'Your role does not allow this', `Requires one of: ${roles.join(', ')}`, {}, {
          'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope"`,
        });
      }
      next();
    };

  async function fromBearer(header: string | undefined, res: Response): Promise<Principal> {
    const token = bearerToken(header);
    if (token === undefined) throw authProblem(new AuthError('missing_token', 'no_bearer'));
    try {
      return await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      logger.info({ reqId: requestIdOf(res), reason: error.reason }, 'token refused');
      throw authProblem(error);
    }
  }

  async function fromSession(req: Request, token: string): Promise<Principal> {
    const session = await sessions!.resolve(token);
    if (session === undefined) throw sessionExpired();
    if (UNSAFE_METHODS.has(req.method) && !csrfMatches(req, session.csrf)) throw csrfFailed();
    return session.principal;
  }
}

/** 401 for a console session cookie whose session ended (idle, expired or signed out). */
export function sessionExpired(): ProblemError {
  return new ProblemError('session_expired', 401, 'The console session has ended; sign in again', undefined, {}, {
    'WWW-Authenticate': `Bearer ${REALM}`,
  });
}

/** 403 for an unsafe request with the session cookie but without the session's CSRF token. */
export function csrfFailed(): ProblemError {
  return new ProblemError('csrf_failed', 403, "The request lacks the console session's CSRF token", `Send it in ${CSRF_HEADER}`);
}

/** Whether the request echoes the session's CSRF token in CSRF_HEADER; compared in constant time. */
export function csrfMatches(req: Request, csrf: string): boolean {
  const presented = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(csrf);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The caller, on a route behind requireRole. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (principal === undefined) throw new Error('principalOf: the route is not behind requireRole');
  return principal;
}

/** `Authorization: Bearer <token>` (RFC 6750 §2.1 b64token), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}

export function authProblem(error: AuthError): ProblemError {
  switch (error.code) {
    case 'missing_token':
      return new ProblemError('missing_token', 401, 'A bearer token is required', undefined, {}, {
        'WWW-Authenticate': `Bearer ${REALM}`,
      });
    case 'token_expired':
      return new ProblemError('token_expired', 401, 'The bearer token has expired', undefined, {}, {
        'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token", error_description="The token expired"`,
      });
    case 'invalid_token':
      return new ProblemError('invalid_token', 401, 'The bearer token is not valid', undefined, {}, {
        'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token"`,
      });
    case 'issuer_unavailable':
      return new ProblemError('auth_unavailable', 503, 'The token issuer could not be reached', undefined, {}, { 'Retry-After': '30' });
  }
}
