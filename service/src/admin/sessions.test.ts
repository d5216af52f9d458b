import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Principal } from '../auth/principal.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import type { AdminSessionStore } from './session-contract.js';
import { openTestAdmin, type TestAdmin } from './testing.js';

const ADMIN: Principal = { sub: 'oid-1', email: 'It.Admin@Clinic.example.org', roles: ['user', 'admin'], issuer: 'microsoft', tenant: 't-1' };
const START = '2026-03-01T12:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(START) + n * 60_000).toISOString();

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'admin console sessions'), () => {
    let t: TestAdmin;
    let sessions: AdminSessionStore;
    beforeEach(async () => {
      t = await openTestAdmin(target, { admin: { sessionIdleMinutes: 15, sessionMaxHours: 8 } });
      sessions = t.admin.sessions;
    });
    afterEach(async () => t.dispose());

    it('a started session resolves to its principal, method and CSRF token', async () => {
      const started = await sessions.start(ADMIN, 'microsoft');
      expect(started.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(started.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(started.csrf).not.toBe(started.token);
      expect(started).toMatchObject({ idleExpiresAt: new Date(minutes(15)), expiresAt: new Date(minutes(8 * 60)) });
      await expect(sessions.resolve(started.token)).resolves.toEqual({ ...started, id: expect.any(String) });
    });

    it('stores the SHA-256 of the token, never the token', async () => {
      const { token } = await sessions.start(ADMIN, 'microsoft');
      const rows = await t.db.store.all('SELECT * FROM admin_session');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('ends after the idle timeout without a request; each request keeps it alive', async () => {
      const { token } = await sessions.start(ADMIN, 'google');
      t.clock.set(minutes(14));
      await expect(sessions.resolve(token)).resolves.toMatchObject({ idleExpiresAt: new Date(minutes(29)) });
      t.clock.set(minutes(28));
      await expect(sessions.resolve(token)).resolves.toBeDefined();
      t.clock.set(minutes(43));
      await expect(sessions.resolve(token)).resolves.toBeUndefined();
      expect(await t.db.store.all('SELECT id FROM admin_session')).toEqual([]);
    });

    it('ends at its absolute lifetime however active, and its idle expiry never runs past it', async () => {
      const { token } = await sessions.start(ADMIN, 'local');
      for (let m = 10; m < 8 * 60; m += 10) {
        t.clock.set(minutes(m));
        await expect(sessions.resolve(token)).resolves.toBeDefined();
      }
      t.clock.set(minutes(8 * 60 - 5));
      await expect(sessions.resolve(token)).resolves.toMatchObject({ idleExpiresAt: new Date(minutes(8 * 60)) });
      t.clock.set(minutes(8 * 60));
      await expect(sessions.resolve(token)).resolves.toBeUndefined();
    });

    it('signing out ends the session; ending it again or an unknown token does nothing', async () => {
      const { token } = await sessions.start(ADMIN, 'microsoft');
      await sessions.end(token);
      await expect(sessions.resolve(token)).resolves.toBeUndefined();
      await sessions.end(token);
      await sessions.end('A'.repeat(43));
      await sessions.end('not a token');
    });

    it('records sign-in and sign-out with the session id and method, never the token or CSRF token', async () => {
      const started = await sessions.start(ADMIN, 'microsoft');
      const { id } = (await sessions.resolve(started.token))!;
      await sessions.end(started.token);
      const recorded = (await t.log.search({})).events.reverse();
      expect(recorded.map((e) => [e.kind, e.actor, e.detail])).toEqual([
        ['admin_signed_in', 'it.admin@clinic.example.org', { method: 'microsoft', sessionId: id }],
        ['admin_signed_out', 'it.admin@clinic.example.org', { method: 'microsoft', sessionId: id }],
      ]);
      expect(JSON.stringify(recorded)).not.toContain(started.token);
      expect(JSON.stringify(recorded)).not.toContain(started.csrf);
    });

    it('a session that already ended is not recorded as signed out', async () => {
      const { token } = await sessions.start(ADMIN, 'microsoft');
      t.clock.set(minutes(30));
      await sessions.end(token);
      expect((await t.log.search({})).events.map((e) => e.kind)).toEqual(['admin_signed_in']);
    });

    it('refuses to start a session for a principal with neither the admin nor the auditor role', async () => {
      await expect(sessions.start({ ...ADMIN, roles: ['user'] }, 'microsoft')).rejects.toThrow(TypeError);
      expect(await t.db.store.all('SELECT id FROM admin_session')).toEqual([]);
    });

    it.each([['empty', ''], ['too short', 'abc'], ['not base64url', `${'a'.repeat(42)}=`]])('a %s token is no session', async (_label, token) => {
      await expect(sessions.resolve(token)).resolves.toBeUndefined();
    });

    it('starting a session clears the ended ones', async () => {
      await sessions.start(ADMIN, 'microsoft');
      t.clock.set(minutes(20));
      await sessions.start({ ...ADMIN, sub: 'oid-2' }, 'microsoft');
      const rows = await t.db.store.all<{ principal: string }>('SELECT principal FROM admin_session');
      expect(rows.map((row) => (JSON.parse(row.principal) as Principal).sub)).toEqual(['oid-2']);
    });
  });
}
