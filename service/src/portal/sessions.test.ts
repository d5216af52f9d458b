import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { testClock, type TestClock } from '../audit/testing.js';
import { storeTargets, targetTitle, type TestStore } from '../store/testing.js';
import { createSessions, MAX_SESSION_HOURS, type Sessions } from './sessions.js';

const MARIA = 'maria.lopez@gmail.com';

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'portal sessions'), () => {
    let db: TestStore;
    let clock: TestClock;
    let sessions: Sessions;
    beforeEach(async () => {
      db = await target.open();
      clock = testClock('2026-03-01T12:00:00.000Z');
      sessions = createSessions({ store: db.store, idleMinutes: 10, now: clock.now });
    });
    afterEach(async () => db.dispose());

    it('a session names its recipient for its message only', async () => {
      const token = await sessions.start('msg-1', 'Maria.Lopez@Gmail.com');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(sessions.check(token, 'msg-1')).resolves.toBe(MARIA);
      await expect(sessions.check(token, 'msg-2')).resolves.toBeUndefined();
    });

    it('stores only the hash of the token', async () => {
      const token = await sessions.start('msg-1', MARIA);
      const rows = await db.store.all('SELECT token_hash FROM portal_session');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('ends after idleMinutes without a request; each request keeps it alive', async () => {
      const token = await sessions.start('msg-1', MARIA);
      clock.set('2026-03-01T12:09:00.000Z');
      await expect(sessions.check(token, 'msg-1')).resolves.toBe(MARIA);
      clock.set('2026-03-01T12:19:00.000Z');
      await expect(sessions.check(token, 'msg-1')).resolves.toBe(MARIA);
      clock.set('2026-03-01T12:29:00.001Z');
      await expect(sessions.check(token, 'msg-1')).resolves.toBeUndefined();
      clock.set('2026-03-01T12:29:00.002Z');
      await expect(sessions.check(token, 'msg-1')).resolves.toBeUndefined();
    });

    it('ends MAX_SESSION_HOURS after the passcode, however active', async () => {
      const token = await sessions.start('msg-1', MARIA);
      for (let minutes = 5; minutes < MAX_SESSION_HOURS * 60; minutes += 5) {
        clock.set(new Date(Date.parse('2026-03-01T12:00:00.000Z') + minutes * 60_000).toISOString());
        await expect(sessions.check(token, 'msg-1')).resolves.toBe(MARIA);
      }
      clock.set(new Date(Date.parse('2026-03-01T12:00:00.000Z') + MAX_SESSION_HOURS * 3_600_000 + 1).toISOString());
      await expect(sessions.check(token, 'msg-1')).resolves.toBeUndefined();
    });

    it('ends on sign-out', async () => {
      const token = await sessions.start('msg-1', MARIA);
      await sessions.end(token);
      await expect(sessions.check(token, 'msg-1')).resolves.toBeUndefined();
    });

    it.each([['empty', ''], ['too short', 'abc'], ['not base64url', `${'a'.repeat(42)}=`]])('a %s token is no session', async (_label, token) => {
      await expect(sessions.check(token, 'msg-1')).resolves.toBeUndefined();
    });

    it('starting a session clears the idle ones', async () => {
      await sessions.start('msg-1', MARIA);
      clock.set('2026-03-01T13:00:00.000Z');
      await sessions.start('msg-1', 'j.smith@example.net');
      expect(await db.store.all('SELECT address FROM portal_session')).toEqual([{ address: 'j.smith@example.net' }]);
    });
  });
}
