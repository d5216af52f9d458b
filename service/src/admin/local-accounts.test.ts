import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { storeTargets, targetTitle } from '../store/testing.js';
import { hashPassword, verifyPassword, type LocalAccounts } from './local-accounts.js';
import { openTestAdmin, TEST_PASSWORD, TEST_SCRYPT, totpCode, type TestAdmin } from './testing.js';

/** Who creates and unlocks accounts in these tests, as `phi-guard admin` names its operator. */
const OPERATOR = 'cli:ops';

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'break-glass admin accounts'), () => {
    let t: TestAdmin;
    let accounts: LocalAccounts;
    let secret: string;
    beforeEach(async () => {
      t = await openTestAdmin(target);
      accounts = t.admin.localAccounts;
      const created = await accounts.create(OPERATOR, { username: 'Breakglass', password: TEST_PASSWORD, roles: ['admin'] });
      if (!created.ok) throw new Error(created.code);
      secret = created.totpSecret;
    });
    afterEach(async () => t.dispose());

    const signIn = (overrides: Partial<{ username: string; password: string; code: string }> = {}) =>
      accounts.verify({ username: 'breakglass', password: TEST_PASSWORD, code: totpCode(secret, t.clock.now()), ...overrides });
    const events = async () => (await t.log.search({})).events.reverse();
    const at = (iso: string) => t.clock.set(iso);

    it('creating an account gives its TOTP secret once and an otpauth URI for authenticator apps', async () => {
      const created = await accounts.create(OPERATOR, { username: 'ops', password: TEST_PASSWORD, roles: ['admin', 'auditor'] });
      expect(created).toMatchObject({ ok: true, username: 'ops', roles: ['admin', 'auditor'] });
      if (!created.ok) return;
      expect(created.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(created.otpauthUri);
      expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe('otpauth://totp/PHI Guard:ops');
      expect(Object.fromEntries(uri.searchParams)).toEqual({
        issuer: 'PHI Guard',
        secret: created.totpSecret,
        algorithm: 'SHA1',
        digits: '6',
        period: '30',
      });
    });

    it('stores neither the password nor the TOTP secret readable', async () => {
      const rows = await t.db.store.all('SELECT * FROM admin_account');
      expect(rows).toHaveLength(1);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(TEST_PASSWORD);
      expect(text).not.toContain(secret);
      expect(rows[0]!.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    });

    it.each([
      ['a username with spaces', { username: 'break glass' }, 'invalid_username'],
      ['a password of 11 characters', { password: 'x'.repeat(11) }, 'password_too_short'],
      ['no role', { roles: [] }, 'no_role'],
      ['a username already taken, in any case', { username: 'BREAKGLASS' }, 'username_taken'],
    ] as const)('refuses to create an account with %s', async (_label, overrides, code) => {
      const input = { username: 'second', password: TEST_PASSWORD, roles: ['auditor' as const], ...overrides };
      await expect(accounts.create(OPERATOR, input)).resolves.toEqual({ ok: false, code });
      expect(await events()).toHaveLength(1);
    });

    it('records who created an account, its username and roles, never its password or TOTP secret', async () => {
      const created = await accounts.create('cli:root', { username: 'Reviewer', password: `${TEST_PASSWORD}!`, roles: ['auditor'] });
      if (!created.ok) throw new Error(created.code);
      const recorded = await events();
      expect(recorded.map((e) => [e.kind, e.actor, e.client, e.detail])).toEqual([
        ['admin_account_created', OPERATOR, 'service', { account: 'breakglass', roles: ['admin'] }],
        ['admin_account_created', 'cli:root', 'service', { account: 'reviewer', roles: ['auditor'] }],
      ]);
      const text = JSON.stringify(recorded);
      for (const secretValue of [TEST_PASSWORD, secret, created.totpSecret]) expect(text).not.toContain(secretValue);
    });

    it('the right password and current code sign in as a local principal with the account roles', async () => {
      await expect(signIn({ username: ' BreakGlass ' })).resolves.toEqual({
        ok: true,
        principal: { sub: 'breakglass', roles: ['admin'], issuer: 'local' },
      });
    });

    it('accepts the code of the step before or after (clock drift), not two steps off', async () => {
      at('2026-03-01T12:00:45.000Z');
      await expect(signIn({ code: totpCode(secret, t.clock.now(), -1) })).resolves.toMatchObject({ ok: true });
      at('2026-03-01T12:05:00.000Z');
      await expect(signIn({ code: totpCode(secret, t.clock.now(), 1) })).resolves.toMatchObject({ ok: true });
      at('2026-03-01T12:10:00.000Z');
      await expect(signIn({ code: totpCode(secret, t.clock.now(), 2) })).resolves.toEqual({ ok: false, code: 'invalid_credentials' });
      await expect(signIn({ code: totpCode(secret, t.clock.now(), -2) })).resolves.toEqual({ ok: false, code: 'invalid_credentials' });
    });

    it('unknown user, wrong password and wrong code are the same invalid_credentials', async () => {
      const wrongCode = String((Number(totpCode(secret, t.clock.now())) + 1) % 1_000_000).padStart(6, '0');
      const results = await Promise.all([
        signIn({ username: 'nobody' }),
        signIn({ password: `${TEST_PASSWORD}!` }),
        signIn({ code: wrongCode }),
        signIn({ code: 'abcdef' }),
      ]);
      expect(results).toEqual(Array(4).fill({ ok: false, code: 'invalid_credentials' }));
    });

    it('a code used once is refused again, and so is an older one, even with the right password', async () => {
      const code = totpCode(secret, t.clock.now());
      await expect(signIn({ code })).resolves.toMatchObject({ ok: true });
      await expect(signIn({ code })).resolves.toEqual({ ok: false, code: 'invalid_credentials' });
      at('2026-03-01T12:00:30.000Z');
      await expect(signIn({ code })).resolves.toEqual({ ok: false, code: 'invalid_credentials' });
      await expect(signIn()).resolves.toMatchObject({ ok: true });
    });

    it('two sign-ins racing with one code: only one gets in', async () => {
      const code = totpCode(secret, t.clock.now());
      const results = await Promise.all([signIn({ code }), signIn({ code }), signIn({ code })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it('the fifth failure in a row locks the account for 15 minutes, refusing even the right password and code', async () => {
      for (let i = 1; i <= 4; i++) await expect(signIn({ password: 'wrong password!' })).resolves.toEqual({ ok: false, code: 'invalid_credentials' });
      await expect(signIn({ password: 'wrong password!' })).resolves.toEqual({
        ok: false,
        code: 'account_locked',
        lockedUntil: new Date('2026-03-01T12:15:00.000Z'),
      });
      at('2026-03-01T12:14:59.000Z');
      await expect(signIn()).resolves.toMatchObject({ ok: false, code: 'account_locked' });
      at('2026-03-01T12:15:00.000Z');
      await expect(signIn()).resolves.toMatchObject({ ok: true });
    });

    it('a success resets the count of failures', async () => {
      for (let i = 1; i <= 4; i++) await signIn({ password: 'wrong password!' });
      await expect(signIn()).resolves.toMatchObject({ ok: true });
      at('2026-03-01T12:01:00.000Z');
      for (let i = 1; i <= 4; i++) await expect(signIn({ password: 'wrong password!' })).resolves.toMatchObject({ code: 'invalid_credentials' });
      await expect(signIn()).resolves.toMatchObject({ ok: true });
    });

    it('unlock ends a lock at once; an unknown account cannot be unlocked', async () => {
      for (let i = 1; i <= 5; i++) await signIn({ code: '000000' });
      await expect(signIn()).resolves.toMatchObject({ code: 'account_locked' });
      await expect(accounts.unlock(OPERATOR, 'BreakGlass')).resolves.toBe(true);
      await expect(signIn()).resolves.toMatchObject({ ok: true });
      await expect(accounts.unlock(OPERATOR, 'nobody')).resolves.toBe(false);
    });

    it('records who unlocked which account and the lock it ended; nothing for an unknown account', async () => {
      for (let i = 1; i <= 5; i++) await signIn({ code: '000000' });
      await accounts.unlock('cli:root', 'breakglass');
      // Unlocked again with no lock in force: only earlier failures were forgotten.
      await accounts.unlock('cli:root', 'breakglass');
      await accounts.unlock('cli:root', 'nobody');
      const unlocks = (await events()).filter((e) => e.kind === 'admin_account_unlocked');
      expect(unlocks.map((e) => [e.actor, e.detail])).toEqual([
        ['cli:root', { account: 'breakglass', lockedUntil: '2026-03-01T12:15:00.000Z' }],
        ['cli:root', { account: 'breakglass' }],
      ]);
    });

    it('records every failure and the lock, naming the attempted account, never the password or code', async () => {
      const code = totpCode(secret, t.clock.now());
      await signIn({ username: 'nobody' });
      for (let i = 1; i <= 5; i++) await signIn({ password: 'Hunter2-Hunter2' });
      await signIn({ code });
      const recorded = (await events()).filter((e) => e.kind !== 'admin_account_created');
      expect(recorded.map((e) => [e.kind, e.actor, e.detail])).toEqual([
        ['admin_sign_in_failed', 'local:nobody', { method: 'local', reason: 'invalid_credentials' }],
        ...Array(5).fill(['admin_sign_in_failed', 'local:breakglass', { method: 'local', reason: 'invalid_credentials' }]),
        ['admin_locked', 'local:breakglass', { method: 'local', lockedUntil: '2026-03-01T12:15:00.000Z' }],
        ['admin_sign_in_failed', 'local:breakglass', { method: 'local', reason: 'account_locked' }],
      ]);
      const text = JSON.stringify(recorded);
      for (const secretValue of ['Hunter2-Hunter2', TEST_PASSWORD, code, secret]) expect(text).not.toContain(secretValue);
    });

    it('counts accounts', async () => {
      await expect(accounts.count()).resolves.toBe(1);
    });
  });
}

describe('password hashes', () => {
  it('verify the password they were made from, and no other', async () => {
    const stored = await hashPassword(TEST_PASSWORD, TEST_SCRYPT);
    await expect(verifyPassword(TEST_PASSWORD, stored)).resolves.toBe(true);
    await expect(verifyPassword(`${TEST_PASSWORD} `, stored)).resolves.toBe(false);
  });

  it('are salted: one password hashes differently each time', async () => {
    expect(await hashPassword(TEST_PASSWORD, TEST_SCRYPT)).not.toBe(await hashPassword(TEST_PASSWORD, TEST_SCRYPT));
  });

  it('a stored value that is not a scrypt hash verifies nothing', async () => {
    await expect(verifyPassword(TEST_PASSWORD, TEST_PASSWORD)).resolves.toBe(false);
  });
});
