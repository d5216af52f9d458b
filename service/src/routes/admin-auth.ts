import { parseCookie } from 'cookie';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { OIDC_PROVIDERS, SIGN_IN_FAILURES, SIGN_IN_MINUTES, type AdminOidc, type OidcProvider, type SignInFailure } from '../admin/oidc.js';
import type { AdminSessionStore } from '../admin/session-contract.js';
import { setSessionCookie } from '../admin/session-cookie.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../http/logger.js';
import { ProblemError } from '../http/problem.js';
import { problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';

export const ADMIN_AUTH_PREFIX = '/admin/auth';
/** The sign-in under way (state, nonce, PKCE verifier), sealed by oidc.ts; only the auth routes see it. */
export const SIGN_IN_COOKIE = 'phiguard_admin_oidc';
/** Where the console lives; sign-in ends there, with `?error=<code>` when refused. */
const CONSOLE_PATH = '/admin';

export interface AdminAuthDeps {
  readonly oidc: AdminOidc;
  readonly sessions: AdminSessionStore;
  /** Refused sign-ins are recorded here (admin_sign_in_failed); the session store records admin_signed_in. */
  readonly auditLog: Pick<AuditLog, 'changeWithAudit'>;
  /** The service's public URL: the redirect URI is `${publicUrl}/admin/auth/<provider>/callback`. */
  readonly publicUrl: () => string;
  readonly logger: Logger;
  /** Mark the sign-in cookie Secure on plain HTTP too (TLS ended at a proxy that does not say so). */
  readonly secureCookie?: boolean;
}

const ProviderParamsSchema = z.object({ provider: z.enum(OIDC_PROVIDERS).meta({ description: 'The identity provider' }) });
const ProvidersSchema = z
  .object({ providers: z.array(z.enum(OIDC_PROVIDERS)).meta({ description: 'The configured providers, one button each' }) })
  .meta({ id: 'AdminSignInProviders' });
const CallbackQuerySchema = z.object({
  code: z.string().optional().meta({ description: 'The authorization code' }),
  state: z.string().optional(),
  error: z.string().optional().meta({ description: 'The provider refused, e.g. access_denied' }),
});

/**
 * Sign-in to the admin console with Microsoft or Google (OpenID Connect authorization code flow
 * with PKCE). Only a principal with the admin or auditor role gets a session.
 */
export function adminAuthRoutes(deps: AdminAuthDeps): RouteModule {
  const { oidc, sessions, auditLog, logger } = deps;
  const router = Router();
  const redirectUri = (provider: OidcProvider) => `${deps.publicUrl().replace(/\/+$/, '')}${ADMIN_AUTH_PREFIX}/${provider}/callback`;
  const cookieOptions = (req: Request) => ({ httpOnly: true, path: ADMIN_AUTH_PREFIX, secure: req.secure || deps.secureCookie === true });

  const providerOf = (req: Request): OidcProvider => {
    const parsed = ProviderParamsSchema.safeParse(req.params);
    if (!parsed.success || !oidc.providers.includes(parsed.data.provider)) {
      throw new ProblemError('sign_in_provider_not_configured', 404, 'Sign-in with this provider is not configured');
    }
    return parsed.data.provider;
  };

  /** Every refusal is audited with the provider and a reason code, never a token or code, and ends on the console. */
  const refuse = async (res: Response, provider: OidcProvider, reason: SignInFailure, actor?: string) => {
    await auditLog.changeWithAudit(actor ?? `${provider}:unknown`, async (_tx, record) =>
      record('admin_sign_in_failed', { method: provider, reason }),
    );
    logger.info({ provider, reason }, 'admin sign-in refused');
    res.redirect(302, `${CONSOLE_PATH}?error=${reason}`);
  };

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/providers', (_req, res) => {
    res.json({ providers: oidc.providers });
  });

  router.get('/:provider/start', async (req, res) => {
    const provider = providerOf(req);
    const begun = await oidc.begin(provider, redirectUri(provider));
    if (!begun.ok) return refuse(res, provider, begun.code);
    // Lax, not Strict: the provider's redirect back is a top-level navigation from another site.
    res.cookie(SIGN_IN_COOKIE, begun.sealed, { ...cookieOptions(req), sameSite: 'lax', maxAge: SIGN_IN_MINUTES * 60_000 });
    res.redirect(302, begun.url.href);
  });

  router.get('/:provider/callback', async (req, res) => {
    const provider = providerOf(req);
    const header = req.headers.cookie;
    const sealed = header === undefined ? undefined : parseCookie(header)[SIGN_IN_COOKIE];
    // One use: whatever happens next, this sign-in is over.
    res.clearCookie(SIGN_IN_COOKIE, { ...cookieOptions(req), sameSite: 'lax' });
    const callbackUrl = new URL(redirectUri(provider));
    callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    const result = await oidc.complete(provider, sealed, callbackUrl);
    if (!result.ok) return refuse(res, provider, result.code, result.actor);
    setSessionCookie(req, res, await sessions.start(result.principal, provider), { alwaysSecure: deps.secureCookie === true });
    res.redirect(302, CONSOLE_PATH);
  });

  return { prefix: ADMIN_AUTH_PREFIX, router, routes: ADMIN_AUTH_ROUTE_DOCS };
}

const TAGS = ['admin'];
const NOT_CONFIGURED = { '404': problemResponse('No such provider, or it is not configured (sign_in_provider_not_configured)') };
const FAILURES = SIGN_IN_FAILURES.join(', ');

const ADMIN_AUTH_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/providers',
    operation: {
      operationId: 'adminSignInProviders',
      tags: TAGS,
      summary: 'The identity providers the console offers sign-in with',
      responses: { '200': { description: 'Configured providers', content: { 'application/json': { schema: ProvidersSchema } } } },
    },
  },
  {
    method: 'get',
    path: '/{provider}/start',
    operation: {
      operationId: 'adminSignInStart',
      tags: TAGS,
      summary: 'Start signing in to the console with Microsoft or Google',
      description:
        'Redirects to the provider with scope `openid email profile`, PKCE (S256), state and nonce. They travel in a ' +
        `sealed, HttpOnly, SameSite=Lax cookie for ${SIGN_IN_MINUTES} minutes, scoped to ${ADMIN_AUTH_PREFIX}.`,
      requestParams: { path: ProviderParamsSchema },
      responses: {
        '302': { description: "To the provider's authorization endpoint; or to /admin?error=provider_unavailable" },
        ...NOT_CONFIGURED,
      },
    },
  },
  {
    method: 'get',
    path: '/{provider}/callback',
    operation: {
      operationId: 'adminSignInCallback',
      tags: TAGS,
      summary: 'Where the provider sends the browser back',
      description:
        'Checks state, exchanges the code with the PKCE verifier, validates the ID token (issuer, audience, expiry, ' +
        'nonce) and maps it to roles as for the add-ins. An admin or auditor gets the console session cookie. ' +
        `Every refusal is audited (admin_sign_in_failed) and redirects to /admin?error=<code>, one of: ${FAILURES}.`,
      requestParams: { path: ProviderParamsSchema, query: CallbackQuerySchema },
      responses: {
        '302': { description: 'To /admin, signed in; or to /admin?error=<code>' },
        ...NOT_CONFIGURED,
      },
    },
  },
];
