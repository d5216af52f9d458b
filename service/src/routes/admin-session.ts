import { Router, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { MAX_PASSWORD_LENGTH, UsernameSchema, type LocalAccounts } from '../admin/local-accounts.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../admin/session-cookie.js';
import { CSRF_HEADER, type AdminSessionStore, type SignInMethod, type StartedSession } from '../admin/session-contract.js';
import { AuthError } from '../auth/errors.js';
import { PrincipalSchema, type Principal } from '../auth/principal.js';
import { authProblem, csrfFailed, csrfMatches, sessionExpired } from '../auth/require-role.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Logger } from '../http/logger.js';
import { ProblemError } from '../http/problem.js';
import { jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RateLimitStore } from '../http/rate-limit.js';
import { requestIdOf } from '../http/request-id.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';

export const ADMIN_API_PREFIX = '/admin/api';

/** Sign-in attempts per client address per window, on top of the service-wide limit and the accounts' lockout. */
export interface AdminSignInRateLimit {
  readonly windowSeconds: number;
  readonly perIp: number;
  /** Shared counters (Redis), so the limit holds across replicas; per process when absent. */
  readonly store?: RateLimitStore;
}

export const DEFAULT_ADMIN_SIGN_IN_RATE_LIMIT: AdminSignInRateLimit = { windowSeconds: 15 * 60, perIp: 20 };

export interface AdminSessionRouteDeps {
  readonly sessions: AdminSessionStore;
  readonly localAccounts: Pick<LocalAccounts, 'verify'>;
  /** The add-ins' verifier: the same issuers, audiences and tenants. */
  readonly verifier: TokenVerifier;
  /** Records refused token sign-ins (local ones are recorded by localAccounts, sign-ins and sign-outs by sessions). */
  readonly auditLog: Pick<AuditLog, 'changeWithAudit'>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Mark the cookie Secure even on plain HTTP (config admin.secureCookie). */
  readonly secureCookie?: boolean;
  readonly rateLimit?: AdminSignInRateLimit;
}

export const LocalSignInSchema = z
  .strictObject({
    username: UsernameSchema,
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    /** Spaces are forgiven: authenticator apps show codes as `123 456`. */
    code: z
      .string()
      .max(32)
      .transform((code) => code.replace(/\s/g, '')),
  })
  .meta({ id: 'AdminLocalSignIn' });
export const TokenSignInSchema = z
  .strictObject({
    token: z
      .string()
      .min(1)
      .max(16_384)
      .meta({ description: 'A Microsoft access token for the service API or a Google ID token, as the add-ins send' }),
  })
  .meta({ id: 'AdminTokenSignIn' });
export const AdminSessionSchema = z
  .object({
    principal: PrincipalSchema,
    method: z.enum(['local', 'microsoft', 'google']),
    /** Send it back in the x-phi-guard-csrf header on POST, PUT, PATCH and DELETE. */
    csrf: z.string(),
    idleExpiresAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminSession' });

/** The console's sign-in routes, relative to ADMIN_API_PREFIX. Prefer `adminSessionRoutes`, which documents them too. */
export function adminSessionRouter(deps: AdminSessionRouteDeps): Router {
  const { sessions, localAccounts, verifier, auditLog, logger, now } = deps;
  const cookieOptions = { alwaysSecure: deps.secureCookie === true };
  const router = Router();
  const limited = signInLimit(deps.rateLimit ?? DEFAULT_ADMIN_SIGN_IN_RATE_LIMIT);

  // The answers carry the CSRF token: never kept by a cache.
  router.use('/session', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/session/local', limited, async (req, res) => {
    const body = parseRequest(LocalSignInSchema, req.body, 'body');
    const result = await localAccounts.verify(body);
    if (!result.ok && result.code === 'account_locked') {
      const seconds = Math.max(1, Math.ceil((result.lockedUntil.getTime() - now().getTime()) / 1000));
      throw new ProblemError('account_locked', 423, 'The account is locked after too many failed sign-ins', undefined, {}, {
        'Retry-After': String(seconds),
      });
    }
    if (!result.ok) throw new ProblemError('invalid_credentials', 401, 'The username, password or code is not right');
    await startSession(req, res, result.principal, 'local');
  });

  router.post('/session/token', limited, async (req, res) => {
    const { token } = parseRequest(TokenSignInSchema, req.body, 'body');
    let principal: Principal;
    try {
      principal = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      logger.info({ reqId: requestIdOf(res), reason: error.reason }, 'token refused');
      // An issuer outage is not a failed sign-in; a bad token is, though nobody can be named.
      if (error.code !== 'issuer_unavailable') await recordFailure('unknown', undefined, error.code);
      throw authProblem(error);
    }
    const method = principal.issuer === 'microsoft' || principal.issuer === 'google' ? principal.issuer : undefined;
    if (method === undefined) {
      await recordFailure(actorOf(principal), undefined, 'issuer_not_allowed');
      throw new ProblemError('forbidden', 403, 'Only Microsoft or Google sign-in opens the console', 'Use a Microsoft or Google token, or a local account');
    }
    if (!principal.roles.includes('admin') && !principal.roles.includes('auditor')) {
      await recordFailure(actorOf(principal), method, 'role_missing');
      throw new ProblemError('forbidden', 403, 'Your role does not allow this', 'Requires one of: admin, auditor');
    }
    await startSession(req, res, principal, method);
  });

  router.get('/session', async (req, res) => {
    const token = sessionTokenOf(req);
    if (token === undefined) throw notSignedIn();
    const session = await sessions.resolve(token);
    if (session === undefined) throw sessionExpired();
    res.json(sessionBody(session));
  });

  router.delete('/session', async (req, res) => {
    const token = sessionTokenOf(req);
    const session = token === undefined ? undefined : await sessions.resolve(token);
    if (session !== undefined) {
      if (!csrfMatches(req, session.csrf)) throw csrfFailed();
      await sessions.end(session.token);
    }
    clearSessionCookie(req, res, cookieOptions);
    res.status(204).end();
  });

  return router;

  async function startSession(req: Request, res: Response, principal: Principal, method: SignInMethod): Promise<void> {
    const session = await sessions.start(principal, method);
    setSessionCookie(req, res, session, cookieOptions);
    res.status(200).json(sessionBody(session));
  }

  function recordFailure(actor: string, method: SignInMethod | undefined, reason: string): Promise<void> {
    return auditLog.changeWithAudit(actor, async (_tx, record) => {
      record('admin_sign_in_failed', method === undefined ? { reason } : { method, reason });
    });
  }
}

export function adminSessionRoutes(deps: AdminSessionRouteDeps): RouteModule {
  return { prefix: ADMIN_API_PREFIX, router: adminSessionRouter(deps), routes: ADMIN_SESSION_ROUTE_DOCS };
}

function sessionBody(session: StartedSession): z.input<typeof AdminSessionSchema> {
  return {
    principal: session.principal,
    method: session.method,
    csrf: session.csrf,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

function notSignedIn(): ProblemError {
  return new ProblemError('not_signed_in', 401, 'Not signed in to the console', undefined, {}, { 'WWW-Authenticate': 'Bearer realm="phi-guard"' });
}

function signInLimit(options: AdminSignInRateLimit): RequestHandler {
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.perIp,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store === undefined ? {} : { store: options.store }),
    handler: (_req, _res, next) => next(new ProblemError('rate_limited', 429, 'Too many sign-in attempts from this address')),
    // Redis being down must not lock every admin out; the accounts' lockout still holds.
    passOnStoreError: true,
  });
}

const TAGS = ['admin console'];
const SESSION_RESPONSE = {
  description: 'Signed in: the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure over https) is set',
  headers: { 'Set-Cookie': { description: 'phiguard_admin=<session token>', schema: { type: 'string' as const } } },
  content: jsonContent(AdminSessionSchema),
};
const COOKIE_NOTE = 'Uses the phiguard_admin session cookie, not a bearer token.';

export const ADMIN_SESSION_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/session/local',
    operation: {
      operationId: 'adminSignInLocal',
      tags: TAGS,
      summary: 'Signs a break-glass admin in with username, password and TOTP code',
      description:
        'Unknown username, wrong password and wrong or already-used code all answer 401 invalid_credentials. ' +
        'Each failure is recorded (admin_sign_in_failed); the fifth in a row locks the account for 15 minutes (admin_locked, ' +
        'configurable), during which even the right password and code get 423. A sign-in is recorded as admin_signed_in.',
      requestBody: { required: true, content: jsonContent(LocalSignInSchema) },
      responses: {
        '200': SESSION_RESPONSE,
        '400': problemResponse('The body is not valid (validation_failed)'),
        '401': problemResponse('invalid_credentials'),
        '423': problemResponse('account_locked, with Retry-After in seconds'),
        '429': problemResponse('Too many sign-in attempts from this address (rate_limited)'),
      },
    },
  },
  {
    method: 'post',
    path: '/session/token',
    operation: {
      operationId: 'adminSignInToken',
      tags: TAGS,
      summary: 'Starts a console session from a Microsoft or Google token whose roles include admin or auditor',
      description:
        'The token is verified as the add-ins’ are (issuers, audiences, tenants and domains from the configuration). ' +
        'Refusals are recorded as admin_sign_in_failed, a sign-in as admin_signed_in.',
      requestBody: { required: true, content: jsonContent(TokenSignInSchema) },
      responses: {
        '200': SESSION_RESPONSE,
        '400': problemResponse('The body is not valid (validation_failed)'),
        '401': problemResponse('The token is not valid or has expired (invalid_token, token_expired)'),
        '403': problemResponse('The token is valid but holds neither the admin nor the auditor role, or is not from Microsoft or Google (forbidden)'),
        '429': problemResponse('Too many sign-in attempts from this address (rate_limited)'),
        '503': problemResponse('The token issuer keys could not be fetched; try again (auth_unavailable)'),
      },
    },
  },
  {
    method: 'get',
    path: '/session',
    operation: {
      operationId: 'adminGetSession',
      tags: TAGS,
      summary: 'The current console session; each request keeps it alive up to its absolute expiry',
      description: COOKIE_NOTE,
      responses: {
        '200': { description: 'The session', content: jsonContent(AdminSessionSchema) },
        '401': problemResponse('No session cookie (not_signed_in), or the session ended (session_expired)'),
      },
    },
  },
  {
    method: 'delete',
    path: '/session',
    operation: {
      operationId: 'adminSignOut',
      tags: TAGS,
      summary: 'Signs out: ends the session and clears the cookie',
      description: `${COOKIE_NOTE} A live session needs its CSRF token in ${CSRF_HEADER}. Recorded as admin_signed_out.`,
      responses: {
        '204': { description: 'Signed out (also when there was no live session)' },
        '403': problemResponse('The CSRF header is missing or wrong (csrf_failed)'),
      },
    },
  },
];
