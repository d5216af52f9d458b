import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import request from 'supertest';
import { createAdminOidc, type AdminOidcOptions, type OidcProvider } from '../admin/oidc.js';
import { ADMIN_SESSION_COOKIE, type AdminSessionStore, type SignInMethod, type StartedSession } from '../admin/session-contract.js';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import type { Principal } from '../auth/principal.js';
import { createRoleMap } from '../auth/roles.js';
import { OTHER_TENANT, TEST_DOMAIN, TEST_TENANT } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { captureLogs, type CapturedLogs } from '../http/testing.js';
import { storeTargets } from '../store/testing.js';
import { ADMIN_AUTH_PREFIX, SIGN_IN_COOKIE, adminAuthRoutes } from './admin-auth.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const PUBLIC_URL = 'http://console.test';
const ADMIN = `admin@${TEST_DOMAIN}`;
const AUDITOR = `auditor@${TEST_DOMAIN}`;

/**
 * A tiny OpenID provider on 127.0.0.1: discovery, keys, an authorize endpoint that redirects straight
 * back with a code, and a token endpoint that checks client secret, redirect URI and PKCE before
 * returning an RS256 ID token with the nonce of the authorize request.
 */
interface LocalProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Claims of the next ID tokens besides iss, aud, sub, iat, exp and nonce; may override those. */
  claims: JWTPayload;
  /** What /authorize answers instead of a code, e.g. access_denied. */
  authorizeError?: string;
  /** Discovery answers 503 while set. */
  down: boolean;
  readonly authorizeRequests: URLSearchParams[];
  readonly tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

async function startLocalProvider(): Promise<LocalProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, URLSearchParams>();
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const op: LocalProvider = {
    issuer,
    clientId: `console-${randomUUID()}`,
    clientSecret: randomBytes(24).toString('base64url'),
    claims: {},
    down: false,
    authorizeRequests: [],
    tokenRequests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (res: ServerResponse, status: number, body: unknown): void =>
    void res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      if (op.down) return void res.writeHead(503).end();
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const params = url.searchParams;
      op.authorizeRequests.push(params);
      const back = new URL(params.get('redirect_uri')!);
      back.searchParams.set('state', params.get('state')!);
      if (op.authorizeError) back.searchParams.set('error', op.authorizeError);
      else {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, params);
        back.searchParams.set('code', code);
      }
      return void res.writeHead(302, { Location: back.href }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      op.tokenRequests.push(form);
      const code = form.get('code') ?? '';
      const asked = codes.get(code);
      codes.delete(code);
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (form.get('client_id') !== op.clientId || form.get('client_secret') !== op.clientSecret) return json(res, 401, { error: 'invalid_client' });
      if (
        form.get('grant_type') !== 'authorization_code' ||
        asked === undefined ||
        form.get('redirect_uri') !== asked.get('redirect_uri') ||
        asked.get('code_challenge_method') !== 'S256' ||
        challenge !== asked.get('code_challenge')
      ) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      const now = Math.floor(Date.now() / 1000);
      const idToken = await sign(privateKey, kid, {
        iss: issuer,
        aud: op.clientId,
        sub: 'subject-1',
        iat: now,
        exp: now + 600,
        nonce: asked.get('nonce')!,
        ...op.claims,
      });
      return json(res, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 3600, id_token: idToken });
    }
    res.writeHead(404).end();
  }
  return op;
}

function sign(key: CryptoKey, kid: string, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

/** The session store contract in memory: what the routes started, nothing more. */
function fakeSessions(): AdminSessionStore & { started: Array<{ principal: Principal; method: SignInMethod }> } {
  const started: Array<{ principal: Principal; method: SignInMethod }> = [];
  return {
    started,
    async start(principal, method): Promise<StartedSession> {
      started.push({ principal, method });
      const expiresAt = new Date(Date.now() + 8 * 3_600_000);
      return { token: randomBytes(32).toString('base64url'), csrf: 'csrf', principal, method, idleExpiresAt: expiresAt, expiresAt };
    },
    resolve: async () => undefined,
    end: async () => undefined,
  };
}

const cookieValue = (setCookie: string[] | undefined, name: string) =>
  setCookie?.find((line) => line.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);

describe('admin console sign-in with Microsoft and Google', () => {
  let microsoft: LocalProvider;
  let google: LocalProvider;
  let audit: TestAuditLog;
  let sessions: ReturnType<typeof fakeSessions>;
  let logs: CapturedLogs;
  let now: Date | undefined;
  let app: Express;

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([startLocalProvider(), startLocalProvider()]);
  });
  afterAll(async () => Promise.all([microsoft.close(), google.close()]));

  const settings = (op: LocalProvider) => ({ issuer: op.issuer, clientId: op.clientId, clientSecret: async () => op.clientSecret });
  const build = (providers: Pick<AdminOidcOptions, 'microsoft' | 'google'>, secureCookie = false) => {
    const oidc = createAdminOidc({ ...providers, allowInsecureRequests: true, now: () => now ?? new Date() });
    const routes = adminAuthRoutes({ oidc, sessions, auditLog: audit.log, publicUrl: () => PUBLIC_URL, logger: logs.logger, secureCookie });
    const built = express();
    mountRoutes(built, [routes]);
    built.use(notFound);
    built.use(problemHandler);
    return { app: built, routes };
  };

  beforeEach(async () => {
    audit = await openTestAuditLog(sqlite);
    sessions = fakeSessions();
    logs = captureLogs();
    now = undefined;
    for (const op of [microsoft, google]) {
      op.claims = {};
      op.authorizeError = undefined;
      op.down = false;
    }
    ({ app } = build({
      microsoft: { ...settings(microsoft), tenants: [TEST_TENANT] },
      google: { ...settings(google), hostedDomains: [TEST_DOMAIN], roles: createRoleMap({ admin: [ADMIN], auditor: [AUDITOR] }) },
    }));
  });
  afterEach(async () => audit.dispose());

  const start = (provider: string) => request(app).get(`${ADMIN_AUTH_PREFIX}/${provider}/start`);

  /** What a browser does: start, let the provider redirect back, follow to the callback with the sign-in cookie. */
  async function signIn(provider: OidcProvider, change: { state?: string; cookie?: string | null } = {}) {
    const started = await start(provider);
    expect(started.status).toBe(302);
    const sealed = cookieValue(started.headers['set-cookie'] as unknown as string[], SIGN_IN_COOKIE);
    const authorized = await fetch(started.headers.location!, { redirect: 'manual' });
    const back = new URL(authorized.headers.get('location')!);
    if (change.state !== undefined) back.searchParams.set('state', change.state);
    const cookie = change.cookie === undefined ? sealed : change.cookie;
    const callback = request(app).get(`${back.pathname}${back.search}`);
    if (cookie !== null) void callback.set('Cookie', `${SIGN_IN_COOKIE}=${cookie}`);
    return { res: await callback, back };
  }

  const failures = async () => (await audit.log.search({ kinds: ['admin_sign_in_failed'] })).events;

  async function expectRefused(res: request.Response, provider: OidcProvider, reason: string, actor?: string) {
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/admin?error=${reason}`);
    expect(cookieValue(res.headers['set-cookie'] as unknown as string[], ADMIN_SESSION_COOKIE)).toBeUndefined();
    expect(sessions.started).toEqual([]);
    const [event, ...more] = await failures();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ kind: 'admin_sign_in_failed', client: 'service', detail: { method: provider, reason }, ...(actor ? { actor } : {}) });
  }

  it('lists the configured providers for the console to offer', async () => {
    expect((await request(app).get(`${ADMIN_AUTH_PREFIX}/providers`)).body).toEqual({ providers: ['microsoft', 'google'] });
    ({ app } = build({ google: { ...settings(google), roles: createRoleMap({ admin: [], auditor: [] }) } }));
    expect((await request(app).get(`${ADMIN_AUTH_PREFIX}/providers`)).body).toEqual({ providers: ['google'] });
  });

  it('start redirects to the provider with the code flow, PKCE S256, state and nonce, kept in a short-lived Lax cookie', async () => {
    const res = await start('google');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location!);
    expect(`${to.origin}${to.pathname}`).toBe(`${google.issuer}/authorize`);
    const q = to.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: 'code',
      client_id: google.clientId,
      redirect_uri: `${PUBLIC_URL}/admin/auth/google/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith(`${SIGN_IN_COOKIE}=`))!;
    expect(cookie).toMatch(/; Max-Age=600;/);
    expect(cookie).toMatch(/; Path=\/admin\/auth;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a listed Google admin with a verified email in the Workspace domain gets a console session', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    const { res } = await signIn('google');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin');
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((line) => line.startsWith(`${ADMIN_SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(cookies.find((line) => line.startsWith(`${SIGN_IN_COOKIE}=;`))).toBeDefined();
    expect(sessions.started).toEqual([
      { method: 'google', principal: { sub: 'subject-1', email: ADMIN, roles: ['user', 'admin'], issuer: 'google', tenant: TEST_DOMAIN } },
    ]);
    // The token request carried the PKCE verifier the provider checked against the challenge.
    expect(google.tokenRequests.at(-1)!.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(await failures()).toEqual([]);
  });

  it('marks both cookies Secure when TLS ends at a proxy that does not say so (admin.secureCookie)', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    ({ app } = build({ google: { ...settings(google), roles: createRoleMap({ admin: [ADMIN], auditor: [] }) } }, true));
    expect((await start('google')).headers['set-cookie']![0]).toMatch(/; Secure/);
    const session = ((await signIn('google')).res.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith(`${ADMIN_SESSION_COOKIE}=`));
    expect(session).toMatch(/; Secure/);
  });

  it('a Microsoft user with the Auditor app role in an allowed tenant gets a session as auditor', async () => {
    microsoft.claims = { tid: TEST_TENANT, oid: 'oid-of-ann', preferred_username: AUDITOR, roles: ['Auditor'] };
    const { res } = await signIn('microsoft');
    expect(res.headers.location).toBe('/admin');
    expect(sessions.started).toEqual([
      { method: 'microsoft', principal: { sub: 'oid-of-ann', email: AUDITOR, roles: ['user', 'auditor'], issuer: 'microsoft', tenant: TEST_TENANT } },
    ]);
  });

  it('refuses a callback whose state is not the one sent, without exchanging the code', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    const tokenCalls = google.tokenRequests.length;
    const { res } = await signIn('google', { state: 'attacker-state-value' });
    await expectRefused(res, 'google', 'state_mismatch', 'google:unknown');
    expect(google.tokenRequests.length).toBe(tokenCalls);
  });

  it('refuses a forged sign-in cookie, and a callback with none (expired or never started)', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    const forged = Buffer.from(JSON.stringify({ provider: 'google', state: 's', nonce: 'n', codeVerifier: 'v', expiresAt: 9e15 })).toString('base64url');
    await expectRefused((await signIn('google', { cookie: `${forged}.AAAA` })).res, 'google', 'state_mismatch');
    await audit.dispose();
    audit = await openTestAuditLog(sqlite);
    ({ app } = build({ google: { ...settings(google), roles: createRoleMap({ admin: [ADMIN], auditor: [] }) } }));
    await expectRefused((await signIn('google', { cookie: null })).res, 'google', 'sign_in_expired');
  });

  it('refuses a sign-in that took longer than 10 minutes', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    now = new Date(Date.now() - 11 * 60_000);
    const started = await start('google');
    now = undefined;
    const sealed = cookieValue(started.headers['set-cookie'] as unknown as string[], SIGN_IN_COOKIE);
    const back = new URL((await fetch(started.headers.location!, { redirect: 'manual' })).headers.get('location')!);
    const res = await request(app).get(`${back.pathname}${back.search}`).set('Cookie', `${SIGN_IN_COOKIE}=${sealed}`);
    await expectRefused(res, 'google', 'sign_in_expired');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN, nonce: 'a-nonce-from-another-sign-in' };
    await expectRefused((await signIn('google')).res, 'google', 'nonce_mismatch');
  });

  it.each([
    ['for another client (aud)', { aud: 'someone-elses-client' }],
    ['from another issuer', { iss: 'https://accounts.google.com' }],
    ['that has expired', { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('refuses an ID token %s', async (_what, claims) => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN, ...claims };
    await expectRefused((await signIn('google')).res, 'google', 'id_token_invalid');
  });

  it('a code works once: the same callback again is refused by the provider', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: TEST_DOMAIN };
    const started = await start('google');
    const sealed = cookieValue(started.headers['set-cookie'] as unknown as string[], SIGN_IN_COOKIE);
    const back = new URL((await fetch(started.headers.location!, { redirect: 'manual' })).headers.get('location')!);
    const replay = () => request(app).get(`${back.pathname}${back.search}`).set('Cookie', `${SIGN_IN_COOKIE}=${sealed}`);
    expect((await replay()).headers.location).toBe('/admin');
    sessions.started.length = 0;
    await expectRefused(await replay(), 'google', 'code_rejected');
  });

  it('refuses a Google account that is not on the admin or auditor list, naming it in the audit log', async () => {
    google.claims = { email: `nurse@${TEST_DOMAIN}`, email_verified: true, hd: TEST_DOMAIN };
    await expectRefused((await signIn('google')).res, 'google', 'not_admin', `nurse@${TEST_DOMAIN}`);
  });

  it('refuses a Microsoft user without the admin or auditor app role', async () => {
    microsoft.claims = { tid: TEST_TENANT, oid: 'oid-of-bob', preferred_username: `bob@${TEST_DOMAIN}`, roles: ['User'] };
    await expectRefused((await signIn('microsoft')).res, 'microsoft', 'not_admin', `bob@${TEST_DOMAIN}`);
  });

  it('refuses a Microsoft admin from a tenant not on the allow-list', async () => {
    microsoft.claims = { tid: OTHER_TENANT, oid: 'oid-of-eve', preferred_username: 'eve@other.example', roles: ['Admin'] };
    await expectRefused((await signIn('microsoft')).res, 'microsoft', 'tenant_not_allowed', 'microsoft:subject-1');
  });

  it('refuses a Google account whose email is not verified, without trusting the email', async () => {
    google.claims = { email: ADMIN, email_verified: false, hd: TEST_DOMAIN };
    await expectRefused((await signIn('google')).res, 'google', 'email_not_verified', 'google:subject-1');
  });

  it('refuses a Google account outside the allowed Workspace domains (or a consumer account)', async () => {
    google.claims = { email: ADMIN, email_verified: true, hd: 'elsewhere.example' };
    await expectRefused((await signIn('google')).res, 'google', 'domain_not_allowed');
  });

  it('ends on the console with provider_error when the user cancels at the provider', async () => {
    google.authorizeError = 'access_denied';
    await expectRefused((await signIn('google')).res, 'google', 'provider_error');
  });

  it('tells the console when the provider is down, and tries it again next time', async () => {
    google.down = true;
    await expectRefused(await start('google'), 'google', 'provider_unavailable');
    google.down = false;
    expect((await start('google')).headers.location).toMatch(new RegExp(`^${google.issuer}/authorize\\?`));
  });

  it('answers 404 problem+json for a provider that is not configured or not known', async () => {
    ({ app } = build({ google: { ...settings(google), roles: createRoleMap({ admin: [], auditor: [] }) } }));
    for (const path of ['/microsoft/start', '/microsoft/callback?code=c&state=s', '/github/start']) {
      const res = await request(app).get(`${ADMIN_AUTH_PREFIX}${path}`);
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.type).toBe('https://phiguard.dev/problems/sign_in_provider_not_configured');
    }
    expect(await failures()).toEqual([]);
  });

  it('never logs or audits the code, state or tokens', async () => {
    google.claims = { email: `nurse@${TEST_DOMAIN}`, email_verified: true, hd: TEST_DOMAIN };
    const { back } = await signIn('google');
    const secrets = [back.searchParams.get('code')!, back.searchParams.get('state')!];
    const recorded = JSON.stringify(await failures()) + logs.text();
    for (const secret of secrets) expect(recorded).not.toContain(secret);
    expect(logs.entries().find((entry) => entry.msg === 'admin sign-in refused')).toMatchObject({ provider: 'google', reason: 'not_admin' });
  });

  it('documents every route it mounts', () => {
    const { routes } = build({ google: { ...settings(google), roles: createRoleMap({ admin: [], auditor: [] }) } });
    const mounted = express();
    mountRoutes(mounted, [routes]);
    const documented = documentedRoutes([routes]).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(mounted).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    expect(Object.keys(createOpenApiDocument([routes]).paths!)).toEqual([
      '/admin/auth/providers',
      '/admin/auth/{provider}/start',
      '/admin/auth/{provider}/callback',
    ]);
  });
});
