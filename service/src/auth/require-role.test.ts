import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SignJWT, generateKeyPair } from 'jose';
import { configFrom, type ConfigInput } from '../config.js';
import { captureLogs, createTestApp, disposeTestApps } from '../http/testing.js';
import { notFound, problemHandler } from '../http/problem.js';
import { DEV_TOKEN_MAX_TTL_SECONDS, loadDevKey, signDevToken } from './dev-issuer.js';
import { createVerifierFromConfig } from './from-config.js';
import { microsoftIssuer } from './microsoft.js';
import { bearerToken, createRequireRole } from './require-role.js';
import {
  OTHER_TENANT,
  TEST_API,
  TEST_DOMAIN,
  TEST_GOOGLE_CLIENT,
  TEST_TENANT,
  createTestIssuer,
  googleClaims,
  hmacWithPublicKey,
  microsoftClaims,
  unsecuredToken,
  type TestIssuer,
} from './testing.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const clock = { now: () => NOW };

let microsoft: TestIssuer;
let google: TestIssuer;
let dataDir: string;

afterAll(disposeTestApps);

beforeAll(async () => {
  microsoft = await createTestIssuer();
  google = await createTestIssuer();
  dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-auth-'));
});

function authConfig(overrides: ConfigInput = {}): ConfigInput {
  return {
    dataDir,
    dev: true,
    auth: {
      microsoft: { audiences: [TEST_API], tenants: [TEST_TENANT] },
      google: { clientIds: [TEST_GOOGLE_CLIENT], hostedDomains: [TEST_DOMAIN] },
      roles: { admin: ['bob@clinic.example.org'], auditor: ['group:compliance'] },
    },
    ...overrides,
  };
}

/** The app with every issuer enabled against local key sets: no network to Microsoft or Google. */
async function appWith(config: ConfigInput = authConfig()) {
  const { verifier } = await createVerifierFromConfig(configFrom(config), clock, { microsoft: microsoft.keys, google: google.keys });
  return createTestApp({ config, deps: { verifier, clock } });
}

async function me(token: string | undefined, config?: ConfigInput) {
  const { app, logs } = await appWith(config);
  const req = request(app).get('/v1/me');
  const res = await (token === undefined ? req : req.set('Authorization', `Bearer ${token}`));
  const refused = logs.entries().find((entry) => entry.msg === 'token refused');
  return { res, reason: refused?.reason };
}

describe('a valid token lets the caller in with the roles it carries', () => {
  it('Microsoft access token (nested app authentication): oid as subject, app roles from `roles`', async () => {
    const token = await microsoft.sign(microsoftClaims(NOW, { roles: ['Admin', 'not-a-role'] }));
    const { res } = await me(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sub: '5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      email: 'alice@clinic.example.org',
      roles: ['user', 'admin'],
      issuer: 'microsoft',
      tenant: TEST_TENANT,
    });
  });

  it('Google ID token from Apps Script, either issuer form; roles from the configured email list', async () => {
    for (const iss of ['https://accounts.google.com', 'accounts.google.com']) {
      const { res } = await me(await google.sign(googleClaims(NOW, { iss })));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sub: '109876543210987654321',
        email: 'bob@clinic.example.org',
        roles: ['user', 'admin'],
        issuer: 'google',
        tenant: TEST_DOMAIN,
      });
    }
  });

  it('a Google user on no list is a plain user', async () => {
    const { res } = await me(await google.sign(googleClaims(NOW, { email: 'carol@clinic.example.org' })));
    expect(res.body.roles).toEqual(['user']);
  });

  it('dev token in dev mode, with the role it was issued for', async () => {
    const key = await loadDevKey(dataDir);
    const token = await signDevToken(key, { sub: 'dana', roles: ['auditor'], ttlSeconds: 600, now: NOW });
    const { res } = await me(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sub: 'dana', roles: ['user', 'auditor'], issuer: 'dev' });
  });
});

describe('every bad token is refused with 401 problem+json and WWW-Authenticate: Bearer', () => {
  type Case = [title: string, token: () => Promise<string> | string, reason: string, config?: ConfigInput];
  const cases: Case[] = [
    ['Microsoft: signed by another key under the real kid (forged)', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return microsoft.sign(microsoftClaims(NOW), { privateKey });
    }, 'bad_signature'],
    ['Microsoft: signature bytes tampered', async () => {
      const token = await microsoft.sign(microsoftClaims(NOW));
      return `${token.slice(0, -6)}${token.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    }, 'bad_signature'],
    ['Microsoft: claims edited after signing', async () => {
      const [header, , signature] = (await microsoft.sign(microsoftClaims(NOW))).split('.');
      const claims = Buffer.from(JSON.stringify(microsoftClaims(NOW, { roles: ['admin'] }))).toString('base64url');
      return `${header}.${claims}.${signature}`;
    }, 'bad_signature'],
    ['Microsoft: expired', () => microsoft.sign(microsoftClaims(new Date(NOW.getTime() - 2 * 3600_000))), 'expired'],
    ['Microsoft: not yet valid', () =>
      microsoft.sign(microsoftClaims(NOW, { nbf: NOW.getTime() / 1000 + 600 })), 'not_yet_valid'],
    ['Microsoft: without exp', () => microsoft.sign(microsoftClaims(NOW, { exp: undefined })), 'claim_invalid'],
    ['Microsoft: wrong audience (a token for Microsoft Graph)', () =>
      microsoft.sign(microsoftClaims(NOW, { aud: '00000003-0000-0000-c000-000000000000' })), 'wrong_audience'],
    ['Microsoft: issuer of another tenant than its tid', () =>
      microsoft.sign(microsoftClaims(NOW, { iss: microsoftIssuer(OTHER_TENANT) })), 'wrong_issuer'],
    ['Microsoft: tenant not on the allow-list', () =>
      microsoft.sign(microsoftClaims(NOW, { tid: OTHER_TENANT, iss: microsoftIssuer(OTHER_TENANT) })), 'tenant_not_allowed'],
    ['Microsoft: v1.0 issuer (sts.windows.net)', () =>
      microsoft.sign(microsoftClaims(NOW, { iss: `https://sts.windows.net/${TEST_TENANT}/` })), 'unknown_issuer'],
    ['Microsoft: app-only token without the delegated scope', () =>
      microsoft.sign(microsoftClaims(NOW, { scp: undefined, roles: ['admin'] })), 'scope_missing'],
    ['Microsoft: alg none', () => unsecuredToken(microsoftClaims(NOW)), 'alg_not_allowed'],
    ['Microsoft: HS256 signed with the public key as the secret', () =>
      hmacWithPublicKey(microsoftClaims(NOW), microsoft.publicJwk), 'alg_not_allowed'],
    ['Microsoft: signed by the Google test key (unknown kid)', () => google.sign(microsoftClaims(NOW)), 'no_matching_key'],
    ['Google: wrong audience (another Apps Script project)', () =>
      google.sign(googleClaims(NOW, { aud: 'someone-else.apps.googleusercontent.com' })), 'wrong_audience'],
    ['Google: hosted domain not on the allow-list', () => google.sign(googleClaims(NOW, { hd: 'other.example.org' })), 'domain_not_allowed'],
    ['Google: consumer account without hd', () => google.sign(googleClaims(NOW, { hd: undefined })), 'domain_not_allowed'],
    ['Google: email not verified', () => google.sign(googleClaims(NOW, { email_verified: false })), 'email_not_verified'],
    ['Google: expired', () => google.sign(googleClaims(new Date(NOW.getTime() - 2 * 3600_000))), 'expired'],
    ['Google: lookalike issuer', () => google.sign(googleClaims(NOW, { iss: 'https://accounts.google.com.evil.example' })), 'unknown_issuer'],
    ['Google: alg none', () => unsecuredToken(googleClaims(NOW)), 'alg_not_allowed'],
    ['Google: HS256 signed with the public key as the secret', () => hmacWithPublicKey(googleClaims(NOW), google.publicJwk), 'alg_not_allowed'],
    ['dev token when dev mode is off', async () =>
      signDevToken(await loadDevKey(dataDir), { sub: 'dana', roles: ['admin'], ttlSeconds: 600, now: NOW }), 'unknown_issuer',
      authConfig({ dev: false })],
    ['dev token signed by another data folder\'s key', async () =>
      signDevToken(await loadDevKey(await mkdtemp(join(tmpdir(), 'phi-guard-other-'))), { sub: 'x', roles: ['admin'], ttlSeconds: 600, now: NOW }),
      'no_matching_key'],
    ['dev token expired', async () =>
      signDevToken(await loadDevKey(dataDir), { sub: 'dana', roles: ['user'], ttlSeconds: 60, now: new Date(NOW.getTime() - 600_000) }), 'expired'],
    ['not a JWT at all', () => 'not-a-token', 'malformed'],
  ];

  const rows = cases.map(([title, token, reason, config]) => ({ title, token, reason, config }));
  it.each(rows)('$title', async ({ token, reason, config }) => {
    const { res, reason: logged } = await me(await token(), config);
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="phi-guard"/);
    expect(res.body.type).toMatch(/\/(invalid_token|token_expired)$/);
    expect(logged).toBe(reason);
  });

  it('an expired token says so, so the add-in refreshes instead of signing in again', async () => {
    const { res } = await me(await microsoft.sign(microsoftClaims(new Date(NOW.getTime() - 2 * 3600_000))));
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/token_expired', status: 401 });
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('no token at all: 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const { res } = await me(undefined);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://phiguard.dev/problems/missing_token');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="phi-guard"');
  });

  it('no issuer configured: even a well-signed token is refused', async () => {
    const { res } = await me(await microsoft.sign(microsoftClaims(NOW)), { dataDir, dev: false });
    expect(res.status).toBe(401);
  });
});

describe('requireRole', () => {
  async function guarded(...roles: Parameters<ReturnType<typeof createRequireRole>>) {
    const logs = captureLogs();
    const { verifier } = await createVerifierFromConfig(configFrom(authConfig()), clock, { microsoft: microsoft.keys, google: google.keys });
    const app = express();
    app.get('/x', createRequireRole(verifier, logs.logger)(...roles), (_req, res) => {
      res.json(res.locals.principal);
    });
    app.use(notFound);
    app.use(problemHandler);
    return app;
  }

  it('403 problem+json for a valid token without the role, naming the roles needed', async () => {
    const app = await guarded('admin', 'auditor');
    const token = await microsoft.sign(microsoftClaims(NOW, { roles: ['user'] }));
    const res = await request(app).get('/x').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/forbidden', detail: 'Requires one of: admin, auditor' });
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('any one of the roles is enough, and the principal is set on res.locals', async () => {
    const app = await guarded('admin', 'auditor');
    const token = await microsoft.sign(microsoftClaims(NOW, { roles: ['auditor'] }));
    const res = await request(app).get('/x').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issuer: 'microsoft', roles: ['user', 'auditor'] });
  });

  it('a group on the auditor list makes a dev token an auditor', async () => {
    const app = await guarded('auditor');
    const key = await loadDevKey(dataDir);
    const token = await new SignJWT({ roles: ['user'], groups: ['compliance'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('urn:phiguard:dev')
      .setAudience('urn:phiguard:service')
      .setSubject('erin')
      .setIssuedAt(NOW.getTime() / 1000)
      .setExpirationTime(NOW.getTime() / 1000 + 300)
      .sign(key.privateKey);
    const res = await request(app).get('/x').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });

  it('a token the issuer keys cannot be fetched for is 503, not 401: the token may be fine', async () => {
    const logs = captureLogs();
    const unreachable = async () => {
      throw new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
    };
    const { verifier } = await createVerifierFromConfig(configFrom(authConfig()), clock, { microsoft: unreachable, google: google.keys });
    const app = express();
    app.get('/x', createRequireRole(verifier, logs.logger)(), (_req, res) => void res.end());
    app.use(problemHandler);
    const res = await request(app).get('/x').set('Authorization', `Bearer ${await microsoft.sign(microsoftClaims(NOW))}`);
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('https://phiguard.dev/problems/auth_unavailable');
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer  abc-_~+/=', 'abc-_~+/='],
  ])('reads %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([[undefined], [''], ['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer a b'], ['Bearer a,b']])('refuses %j', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe('dev tokens', () => {
  it('cannot be issued for longer than the dev limit', async () => {
    const key = await loadDevKey(dataDir);
    await expect(signDevToken(key, { sub: 'x', roles: ['user'], ttlSeconds: DEV_TOKEN_MAX_TTL_SECONDS + 1, now: NOW })).rejects.toThrow(RangeError);
  });
});
