import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { openTestAdmin, TEST_PASSWORD, totpCode, type TestAdmin } from '../admin/testing.js';
import { ADMIN_SESSION_COOKIE, CSRF_HEADER } from '../admin/session-contract.js';
import { createVerifierFromConfig } from '../auth/from-config.js';
import { createTestIssuer, microsoftClaims, TEST_API, TEST_TENANT, type TestIssuer } from '../auth/testing.js';
import { configFrom, type ConfigInput } from '../config.js';
import { createTestApp, disposeTestApps } from '../http/testing.js';
import { storeTargets, targetTitle } from '../store/testing.js';

const SESSION = '/admin/api/session';
const HOLD = { actor: 'someone@clinic.example.org', reason: 'Case 2026-17' };

let microsoft: TestIssuer;
let dataDir: string;
beforeAll(async () => {
  microsoft = await createTestIssuer();
  dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-admin-routes-'));
});
afterAll(disposeTestApps);

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'admin console sign-in over HTTP'), () => {
    let t: TestAdmin;
    let app: Express;
    let secret: string;
    const opened: TestAdmin[] = [];

    async function appWith(config: ConfigInput = {}): Promise<Express> {
      const full: ConfigInput = { dataDir, auth: { microsoft: { audiences: [TEST_API], tenants: [TEST_TENANT] } }, ...config };
      t = await openTestAdmin(target, full);
      opened.push(t);
      const created = await t.admin.localAccounts.create('cli:ops', { username: 'breakglass', password: TEST_PASSWORD, roles: ['admin'] });
      if (!created.ok) throw new Error(created.code);
      secret = created.totpSecret;
      const { verifier } = await createVerifierFromConfig(configFrom(full), t.clock, { microsoft: microsoft.keys });
      return (await createTestApp({ config: full, deps: { verifier, clock: t.clock, auditLog: t.log, admin: t.admin } })).app;
    }
    beforeEach(async () => {
      app = await appWith();
    });
    afterEach(async () => {
      for (const each of opened.splice(0)) await each.dispose();
    });

    const code = (steps = 0) => totpCode(secret, t.clock.now(), steps);
    const signIn = (body: Record<string, unknown> = {}) =>
      request(app).post(`${SESSION}/local`).send({ username: 'breakglass', password: TEST_PASSWORD, code: code(), ...body });
    const cookieOf = (res: Response) => {
      const value = /phiguard_admin=([^;]*)/.exec(String(res.headers['set-cookie']))?.[1];
      if (!value) throw new Error('no session cookie');
      return `${ADMIN_SESSION_COOKIE}=${value}`;
    };
    const events = async () => (await t.log.search({})).events.reverse();

    describe('POST /admin/api/session/local', () => {
      it('the right password and TOTP code start a session: an HttpOnly, SameSite=Strict cookie and the CSRF token', async () => {
        const res = await signIn();
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toEqual({
          principal: { sub: 'breakglass', roles: ['admin'], issuer: 'local' },
          method: 'local',
          csrf: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          idleExpiresAt: '2026-03-01T12:15:00.000Z',
          expiresAt: '2026-03-01T20:00:00.000Z',
        });
        const [cookie] = res.headers['set-cookie'] as unknown as string[];
        expect(cookie).toMatch(/^phiguard_admin=[A-Za-z0-9_-]{43}; Path=\/; Expires=Sun, 01 Mar 2026 20:00:00 GMT; HttpOnly; SameSite=Strict$/);
        expect((await request(app).get(SESSION).set('Cookie', cookieOf(res))).body).toEqual(res.body);
      });

      it('marks the cookie Secure over https (behind a trusted proxy) or when configured', async () => {
        app = await appWith({ trustProxy: 1 });
        expect(String((await signIn().set('X-Forwarded-Proto', 'https')).headers['set-cookie'])).toContain('; Secure');
        app = await appWith({ admin: { secureCookie: true } });
        expect(String((await signIn()).headers['set-cookie'])).toContain('; Secure');
      });

      it('unknown user, wrong password and wrong code all get the same 401 invalid_credentials, and no cookie', async () => {
        const wrongCode = code(3);
        const answers = [
          await signIn({ username: 'nobody' }),
          await signIn({ password: 'not the password' }),
          await signIn({ code: wrongCode }),
        ];
        for (const res of answers) {
          expect(res.status).toBe(401);
          expect(res.type).toBe('application/problem+json');
          expect(res.headers['set-cookie']).toBeUndefined();
        }
        const [first, ...others] = answers.map((res) => res.body);
        for (const body of others) expect(body).toEqual(first);
        expect(answers[0]!.body.type).toBe('https://phiguard.dev/problems/invalid_credentials');
      });

      it('a code already used is refused (401), even with the right password', async () => {
        const used = code();
        expect((await signIn({ code: used })).status).toBe(200);
        expect((await signIn({ code: used })).status).toBe(401);
      });

      it('locks the account after 5 failures in a row: 423 with Retry-After, even for the right password', async () => {
        for (let i = 1; i <= 4; i++) expect((await signIn({ password: 'not the password' })).status).toBe(401);
        const fifth = await signIn({ password: 'not the password' });
        expect(fifth.status).toBe(423);
        expect(fifth.body.type).toBe('https://phiguard.dev/problems/account_locked');
        expect(fifth.headers['retry-after']).toBe('900');
        t.clock.set('2026-03-01T12:05:00.000Z');
        const right = await signIn();
        expect(right.status).toBe(423);
        expect(right.headers['retry-after']).toBe('600');
        expect(right.headers['set-cookie']).toBeUndefined();
      });

      it('an invalid body is 400 naming the fields, never their values', async () => {
        const res = await request(app).post(`${SESSION}/local`).send({ username: 'break glass', password: 'Hunter2-secret' });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          { path: 'body.username', code: 'invalid_format' },
          { path: 'body.code', code: 'invalid_type' },
        ]);
        expect(res.text).not.toContain('Hunter2-secret');
      });

      it('is rate limited per address', async () => {
        const answers = [];
        for (let i = 0; i < 21; i++) answers.push((await request(app).post(`${SESSION}/local`).send({})).status);
        expect(answers.slice(0, 20).every((status) => status === 400)).toBe(true);
        expect(answers[20]).toBe(429);
      });
    });

    describe('a console session cookie on the API', () => {
      it('reaches an admin route; an unsafe request needs the CSRF header (403 csrf_failed without it)', async () => {
        const signedIn = await signIn();
        const cookie = cookieOf(signedIn);
        const list = await request(app).get('/v1/audit/holds').set('Cookie', cookie);
        expect(list.status).toBe(200);
        expect(list.body).toEqual({ holds: [] });

        const bare = await request(app).post('/v1/audit/holds').set('Cookie', cookie).send(HOLD);
        expect(bare.status).toBe(403);
        expect(bare.body.type).toBe('https://phiguard.dev/problems/csrf_failed');
        const wrong = await request(app).post('/v1/audit/holds').set('Cookie', cookie).set(CSRF_HEADER, 'x'.repeat(43)).send(HOLD);
        expect(wrong.status).toBe(403);
        const placed = await request(app).post('/v1/audit/holds').set('Cookie', cookie).set(CSRF_HEADER, signedIn.body.csrf).send(HOLD);
        expect(placed.status).toBe(201);
        expect(placed.body.placedBy).toBe('local:breakglass');
      });

      it('an auditor session reads but cannot place a hold', async () => {
        const created = await t.admin.localAccounts.create('cli:ops', { username: 'reviewer', password: TEST_PASSWORD, roles: ['auditor'] });
        if (!created.ok) throw new Error(created.code);
        const signedIn = await signIn({ username: 'reviewer', code: totpCode(created.totpSecret, t.clock.now()) });
        const cookie = cookieOf(signedIn);
        expect((await request(app).get('/v1/audit/holds').set('Cookie', cookie)).status).toBe(200);
        const res = await request(app).post('/v1/audit/holds').set('Cookie', cookie).set(CSRF_HEADER, signedIn.body.csrf).send(HOLD);
        expect(res.status).toBe(403);
        expect(res.body.type).toBe('https://phiguard.dev/problems/forbidden');
      });

      it('ends after 15 idle minutes and 8 hours at most (401 session_expired)', async () => {
        const cookie = cookieOf(await signIn());
        t.clock.set('2026-03-01T12:14:00.000Z');
        expect((await request(app).get('/v1/audit/holds').set('Cookie', cookie)).status).toBe(200);
        t.clock.set('2026-03-01T12:29:30.000Z');
        const idle = await request(app).get('/v1/audit/holds').set('Cookie', cookie);
        expect(idle.status).toBe(401);
        expect(idle.body.type).toBe('https://phiguard.dev/problems/session_expired');

        t.clock.set('2026-03-01T13:00:00.000Z');
        const fresh = cookieOf(await signIn());
        for (let minute = 10; minute < 8 * 60; minute += 10) {
          t.clock.set(new Date(Date.parse('2026-03-01T13:00:00.000Z') + minute * 60_000).toISOString());
          expect((await request(app).get(SESSION).set('Cookie', fresh)).status).toBe(200);
        }
        t.clock.set('2026-03-01T21:00:00.000Z');
        expect((await request(app).get(SESSION).set('Cookie', fresh)).status).toBe(401);
      });

      it('a bearer token still decides when both are sent', async () => {
        const cookie = cookieOf(await signIn());
        const userToken = await microsoft.sign(microsoftClaims(t.clock.now()));
        const res = await request(app).get('/v1/audit/holds').set('Cookie', cookie).set('Authorization', `Bearer ${userToken}`);
        expect(res.status).toBe(403);
      });
    });

    describe('POST /admin/api/session/token', () => {
      it('a Microsoft token with the admin role starts a session that reaches admin routes', async () => {
        const token = await microsoft.sign(microsoftClaims(t.clock.now(), { roles: ['admin'] }));
        const res = await request(app).post(`${SESSION}/token`).send({ token });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ method: 'microsoft', principal: { issuer: 'microsoft', roles: ['user', 'admin'], email: 'alice@clinic.example.org' } });
        expect((await request(app).get('/v1/audit/holds').set('Cookie', cookieOf(res))).status).toBe(200);
      });

      it('a valid token without the admin or auditor role is 403 and starts nothing', async () => {
        const token = await microsoft.sign(microsoftClaims(t.clock.now()));
        const res = await request(app).post(`${SESSION}/token`).send({ token });
        expect(res.status).toBe(403);
        expect(res.body.type).toBe('https://phiguard.dev/problems/forbidden');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(await t.db.store.all('SELECT id FROM admin_session')).toEqual([]);
      });

      it('an expired or forged token is 401', async () => {
        const expired = await microsoft.sign(microsoftClaims(new Date('2026-03-01T09:00:00.000Z'), { roles: ['admin'] }));
        expect((await request(app).post(`${SESSION}/token`).send({ token: expired })).body.type).toBe('https://phiguard.dev/problems/token_expired');
        const other = await createTestIssuer();
        const forged = await other.sign(microsoftClaims(t.clock.now(), { roles: ['admin'] }), {});
        expect((await request(app).post(`${SESSION}/token`).send({ token: forged })).status).toBe(401);
      });
    });

    describe('GET and DELETE /admin/api/session', () => {
      it('without a cookie: 401 not_signed_in; signing out without a session just clears the cookie', async () => {
        const res = await request(app).get(SESSION);
        expect(res.status).toBe(401);
        expect(res.body.type).toBe('https://phiguard.dev/problems/not_signed_in');
        const out = await request(app).delete(SESSION);
        expect(out.status).toBe(204);
        expect(String(out.headers['set-cookie'])).toMatch(/^phiguard_admin=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
      });

      it('signing out needs the CSRF header, then ends the session and clears the cookie', async () => {
        const signedIn = await signIn();
        const cookie = cookieOf(signedIn);
        expect((await request(app).delete(SESSION).set('Cookie', cookie)).status).toBe(403);
        const out = await request(app).delete(SESSION).set('Cookie', cookie).set(CSRF_HEADER, signedIn.body.csrf);
        expect(out.status).toBe(204);
        expect(String(out.headers['set-cookie'])).toContain('phiguard_admin=;');
        expect((await request(app).get(SESSION).set('Cookie', cookie)).status).toBe(401);
        expect((await request(app).get('/v1/audit/holds').set('Cookie', cookie)).body.type).toBe('https://phiguard.dev/problems/session_expired');
      });
    });

    it('records sign-ins, failures, the lock and sign-outs, without passwords, codes, tokens or CSRF tokens', async () => {
      const sent: string[] = [TEST_PASSWORD, 'Wrong-password-1'];
      await signIn({ username: 'nobody' });
      for (let i = 1; i <= 5; i++) await signIn({ password: 'Wrong-password-1' });
      await t.admin.localAccounts.unlock('cli:ops', 'breakglass');
      const used = code();
      sent.push(used);
      const signedIn = await signIn({ code: used });
      const cookie = cookieOf(signedIn);
      sent.push(cookie.split('=')[1]!, signedIn.body.csrf);
      await request(app).delete(SESSION).set('Cookie', cookie).set(CSRF_HEADER, signedIn.body.csrf);
      const userToken = await microsoft.sign(microsoftClaims(t.clock.now()));
      sent.push(userToken);
      await request(app).post(`${SESSION}/token`).send({ token: userToken });
      await request(app).post(`${SESSION}/token`).send({ token: 'not-a-token' });

      const recorded = await events();
      expect(recorded.map((e) => [e.kind, e.actor, e.detail?.['reason' as never]])).toEqual([
        ['admin_account_created', 'cli:ops', undefined],
        ['admin_sign_in_failed', 'local:nobody', 'invalid_credentials'],
        ...Array(5).fill(['admin_sign_in_failed', 'local:breakglass', 'invalid_credentials']),
        ['admin_locked', 'local:breakglass', undefined],
        ['admin_account_unlocked', 'cli:ops', undefined],
        ['admin_signed_in', 'local:breakglass', undefined],
        ['admin_signed_out', 'local:breakglass', undefined],
        ['admin_sign_in_failed', 'alice@clinic.example.org', 'role_missing'],
        ['admin_sign_in_failed', 'unknown', 'invalid_token'],
      ]);
      const text = JSON.stringify(recorded);
      for (const value of sent) expect(text).not.toContain(value);
    });
  });
}
