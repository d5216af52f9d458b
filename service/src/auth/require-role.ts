import type { RequestHandler, Response } from 'express';
import type { Logger } from '../http/logger.js';
import { ProblemError } from '../http/problem.js';
import { requestIdOf } from '../http/request-id.js';
import { AuthError } from './errors.js';
import type { Principal, Role } from './principal.js';
import type { TokenVerifier } from './token-verifier.js';

/** `requireRole()` lets any signed-in caller in; `requireRole('admin', 'auditor')` only those roles. */
export type RequireRole = (...roles: Role[]) => RequestHandler;

const REALM = 'realm="phi-guard"';

/**
 * Route guard: verifies the bearer token, sets `res.locals.principal`, and checks the role.
 * 401 problem+json with `WWW-Authenticate: Bearer` for a missing, invalid or expired token,
 * 403 for a valid token without the role (RFC 6750 §3.1).
 */
export function createRequireRole(verifier: TokenVerifier, logger: Logger): RequireRole {
  return (...roles) =>
    async (req, res, next) => {
      const token = bearerToken(req.get('authorization'));
      if (token === undefined) throw authProblem(new AuthError('missing_token', 'no_bearer'));
      let principal: Principal;
      try {
        principal = await verifier.verify(token);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        logger.info({ reqId: requestIdOf(res), reason: error.reason }, 'token refused');
        throw authProblem(error);
      }
      res.locals.principal = principal;
      if (roles.length > 0 && !principal.roles.some((role) => roles.includes(role))) {
        throw new ProblemError('forbidden', 403, 'Your role does not allow this', `Requires one of: ${roles.join(', ')}`, {}, {
          'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope"`,
        });
      }
      next();
    };
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
