import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { createPasscodes, MAX_FAILURES_ACROSS_CODES, type PasscodeIssue, type Passcodes } from './passcodes.js';

const MESSAGE = 'msg-1';
const MARIA = 'maria.lopez@gmail.com';
const SECRET = Buffer.alloc(32, 7);

/** A message with its recipients, as portal/messages.ts stores it. */
async function seedMessage(t: TestAuditLog, id: string, recipients: readonly string[]): Promise<void> {
  const at = t.clock.now().toISOString();
  await t.db.store.run('INSERT INTO portal_message (id, link_hash, sender, created_at, expires_at, size_bytes) VALUES (?, ?, ?, ?, ?, 0)', [
    id,
    `hash-${id}`,
    'dr.chen@clinic.example.org',
    at,
    '2099-01-01T00:00:00.000Z',
  ]);
  for (const address of recipients) await t.db.store.run('INSERT INTO portal_recipient (message_id, address) VALUES (?, ?)', [id, address]);
}

function codeOf(issue: PasscodeIssue): string {
  if (issue.outcome !== 'issued') throw new Error(`expected a code, got ${issue.outcome}`);
  return issue.code;
}

/** A six-digit code that is not `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'portal passcodes'), () => {
    let t: TestAuditLog;
    let passcodes: Passcodes;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      passcodes = createPasscodes({ store: t.db.store, auditLog: t.log, secret: SECRET, now: t.clock.now, passcodeMinutes: 10, lockMinutes: 15 });
      await seedMessage(t, MESSAGE, [MARIA, 'j.smith@example.net']);
    });
    afterEach(async () => t.dispose());

    const row = async () =>
      (await t.db.store.all('SELECT passcode_hash, passcode_tries, failed_total, locked_until FROM portal_recipient WHERE message_id = ? AND address = ?', [MESSAGE, MARIA]))[0]!;
    const kinds = async () => (await t.log.search({})).events.map((e) => e.kind).reverse();

    it('issues six digits, stores only their HMAC, and records portal_passcode_sent by the recipient', async () => {
      const code = codeOf(await passcodes.issue(MESSAGE, 'Maria.Lopez@Gmail.com'));
      expect(code).toMatch(/^\d{6}$/);
      const stored = await row();
      expect(stored.passcode_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(code);
      const [event] = (await t.log.search({ kinds: ['portal_passcode_sent'] })).events;
      expect(event).toMatchObject({ actor: MARIA, recipients: [MARIA], detail: { messageId: MESSAGE } });
    });

    it('accepts the right code once, whatever the address case', async () => {
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      await expect(passcodes.verify(MESSAGE, 'MARIA.LOPEZ@gmail.com', code)).resolves.toEqual({ outcome: 'ok' });
      await expect(passcodes.verify(MESSAGE, MARIA, code)).resolves.toEqual({ outcome: 'expired' });
    });

    it('binds a code to its message and recipient', async () => {
      await seedMessage(t, 'msg-2', [MARIA]);
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      await expect(passcodes.verify('msg-2', MARIA, code)).resolves.toEqual({ outcome: 'expired' });
      await expect(passcodes.verify(MESSAGE, 'j.smith@example.net', code)).resolves.toEqual({ outcome: 'expired' });
    });

    it('a new code replaces the previous one', async () => {
      const first = codeOf(await passcodes.issue(MESSAGE, MARIA));
      let second = codeOf(await passcodes.issue(MESSAGE, MARIA));
      while (second === first) second = codeOf(await passcodes.issue(MESSAGE, MARIA));
      await expect(passcodes.verify(MESSAGE, MARIA, first)).resolves.toEqual({ outcome: 'wrong' });
      await expect(passcodes.verify(MESSAGE, MARIA, second)).resolves.toEqual({ outcome: 'ok' });
    });

    it('a code expires after passcodeMinutes', async () => {
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      t.clock.set('2026-03-01T12:10:00.000Z');
      await expect(passcodes.verify(MESSAGE, MARIA, code)).resolves.toEqual({ outcome: 'expired' });
    });

    it('records each wrong code; the fifth locks the link for lockMinutes and kills the code', async () => {
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      for (let i = 0; i < 4; i++) await expect(passcodes.verify(MESSAGE, MARIA, other(code))).resolves.toEqual({ outcome: 'wrong' });
      const lockedUntil = new Date('2026-03-01T12:15:00.000Z');
      await expect(passcodes.verify(MESSAGE, MARIA, other(code))).resolves.toEqual({ outcome: 'locked', lockedUntil });
      expect(await row()).toMatchObject({ passcode_hash: null, failed_total: 5, locked_until: lockedUntil.toISOString() });
      expect(await kinds()).toEqual(['portal_passcode_sent', ...Array(5).fill('portal_passcode_failed'), 'portal_locked']);

      await expect(passcodes.verify(MESSAGE, MARIA, code)).resolves.toEqual({ outcome: 'locked', lockedUntil });
      await expect(passcodes.issue(MESSAGE, MARIA)).resolves.toEqual({ outcome: 'locked', lockedUntil });

      t.clock.set('2026-03-01T12:15:00.000Z');
      const fresh = codeOf(await passcodes.issue(MESSAGE, MARIA));
      await expect(passcodes.verify(MESSAGE, MARIA, fresh)).resolves.toEqual({ outcome: 'ok' });
    });

    it('the lock is per recipient: others on the same message are not locked out', async () => {
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      for (let i = 0; i < 5; i++) await passcodes.verify(MESSAGE, MARIA, other(code));
      expect((await passcodes.issue(MESSAGE, 'j.smith@example.net')).outcome).toBe('issued');
    });

    it('a new code resets the tries per code, but wrong codes across codes still lock', async () => {
      let failures = 0;
      while (failures < MAX_FAILURES_ACROSS_CODES - 1) {
        const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
        for (let i = 0; i < 3 && failures < MAX_FAILURES_ACROSS_CODES - 1; i++, failures++) {
          await expect(passcodes.verify(MESSAGE, MARIA, other(code))).resolves.toEqual({ outcome: 'wrong' });
        }
      }
      const code = codeOf(await passcodes.issue(MESSAGE, MARIA));
      expect((await passcodes.verify(MESSAGE, MARIA, other(code))).outcome).toBe('locked');
    });

    it('an address that is not a recipient gets `none` from both, and nothing is recorded', async () => {
      await expect(passcodes.issue(MESSAGE, 'eve@example.org')).resolves.toEqual({ outcome: 'none' });
      await expect(passcodes.verify(MESSAGE, 'eve@example.org', '123456')).resolves.toEqual({ outcome: 'none' });
      await expect(passcodes.issue('no-such-message', MARIA)).resolves.toEqual({ outcome: 'none' });
      expect(await kinds()).toEqual([]);
    });

    it('checking with no code issued is `expired` and not counted as a failure', async () => {
      await expect(passcodes.verify(MESSAGE, MARIA, '123456')).resolves.toEqual({ outcome: 'expired' });
      expect(await row()).toMatchObject({ failed_total: 0 });
    });

    it('codes keep their leading zeros', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 40; i++) codes.add(codeOf(await passcodes.issue(MESSAGE, MARIA)));
      for (const code of codes) expect(code).toHaveLength(6);
    });
  });
}
