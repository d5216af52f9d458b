import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from '@phiguard/core';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { PolicyStoreError } from './errors.js';
import { createPolicyStore, MAX_HISTORY_LIMIT, type PolicyStore } from './policy-store.js';
import { POLICY_NOTE_MAX_LENGTH } from './schema.js';

const ADMIN = 'Admin@Clinic.example.org';
const CLINIC = { organisation: { name: 'Northside Clinic', domains: ['Clinic.Example.org'] }, rules: { phi_external: 'block' } };
const STRICTER = { ...CLINIC, failMode: 'closed', rules: { phi_external: 'block', phi_partner: 'block' } };

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'policy versions'), () => {
    let t: TestAuditLog;
    let policies: PolicyStore;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      policies = createPolicyStore({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    });
    afterEach(async () => t.dispose());

    const audited = async () => (await t.log.search({ kinds: ['policy_changed'] })).events.map((e) => [e.actor, e.detail]).reverse();

    it('none stored: no current version, version 0, empty history', async () => {
      expect(await policies.current()).toBeUndefined();
      expect(await policies.latestVersion()).toBe(0);
      expect(await policies.history()).toEqual([]);
      expect(await policies.version(1)).toBeUndefined();
    });

    it('a valid policy becomes version 1: stored as written, applied with defaults, audited with the versions only', async () => {
      const result = await policies.save(CLINIC, ADMIN, '  New domain for the clinic  ');
      expect(result.ok).toBe(true);
      const current = await policies.current();
      expect(current).toEqual({
        version: 1,
        input: CLINIC,
        policy: expect.objectContaining({ organisation: expect.objectContaining({ domains: ['clinic.example.org'] }) }),
        createdAt: '2026-03-01T12:00:00.000Z',
        createdBy: 'admin@clinic.example.org',
        note: 'New domain for the clinic',
      });
      expect(current!.policy.rules).toEqual({ ...DEFAULT_POLICY.rules, phi_external: 'block' });
      expect(result.ok && result.saved).toEqual(current);
      expect(await policies.version(1)).toEqual({ ...current, policy: undefined });
      expect(await audited()).toEqual([['admin@clinic.example.org', { version: 1, previousVersion: 0 }]]);
    });

    it('an invalid policy is refused with the core\'s issues, and nothing is stored or audited', async () => {
      const result = await policies.save({ organisation: { domains: ['clinic.example.org', 'not a domain'] }, colour: 'red' }, ADMIN);
      expect(result).toEqual({
        ok: false,
        code: 'invalid_policy',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'organisation.domains[1]', code: 'invalid_format' }),
          expect.objectContaining({ path: 'colour', code: 'unknown_field' }),
        ]),
      });
      expect(await policies.save('not an object', ADMIN)).toMatchObject({ ok: false, issues: [{ path: '', code: 'invalid_type' }] });
      expect(await policies.latestVersion()).toBe(0);
      expect(await audited()).toEqual([]);
    });

    it('the version and its audit event are one transaction: if the event cannot be written, no version is stored', async () => {
      // An audit row in the place the next event needs makes its insert fail after the version's.
      await t.db.store.run("INSERT INTO audit_event (seq, recorded, kind, prev_hash, hash) VALUES (1, 'x', 'purge', 'x', 'x')");
      // The driver's constraint error (better-sqlite3's comes from another realm, so no toThrow).
      await expect(policies.save(CLINIC, ADMIN)).rejects.toMatchObject({ code: expect.any(String) });
      expect(await policies.latestVersion()).toBe(0);
    });

    it('history lists metadata newest first, a page at a time, without the policies', async () => {
      for (const [i, note] of ['first', undefined, 'third'].entries()) {
        t.clock.set(`2026-03-0${i + 1}T09:00:00.000Z`);
        expect((await policies.save(i === 1 ? STRICTER : CLINIC, ADMIN, note)).ok).toBe(true);
      }
      expect(await policies.history()).toEqual([
        { version: 3, createdAt: '2026-03-03T09:00:00.000Z', createdBy: 'admin@clinic.example.org', note: 'third' },
        { version: 2, createdAt: '2026-03-02T09:00:00.000Z', createdBy: 'admin@clinic.example.org' },
        { version: 1, createdAt: '2026-03-01T09:00:00.000Z', createdBy: 'admin@clinic.example.org', note: 'first' },
      ]);
      expect((await policies.history(2)).map((v) => v.version)).toEqual([3, 2]);
      expect((await policies.history(2, 2)).map((v) => v.version)).toEqual([1]);
      expect((await policies.history(0)).map((v) => v.version)).toEqual([3]);
      expect((await policies.history(MAX_HISTORY_LIMIT + 1)).length).toBe(3);
    });

    it('a revert stores the old version\'s policy again as a new version that names it', async () => {
      const first = await policies.save(CLINIC, ADMIN);
      await policies.save(STRICTER, ADMIN);
      const reverted = await policies.revert(1, 'other-admin@clinic.example.org', 'Too strict for referrals');
      expect(reverted).toMatchObject({ ok: true, saved: { version: 3, revertedFrom: 1, input: CLINIC, note: 'Too strict for referrals' } });
      const current = await policies.current();
      expect(current!.input).toEqual((await policies.version(1))!.input);
      expect(current!.policy).toEqual(first.ok && first.saved.policy);
      expect(await audited()).toEqual([
        ['admin@clinic.example.org', { version: 1, previousVersion: 0 }],
        ['admin@clinic.example.org', { version: 2, previousVersion: 1 }],
        ['other-admin@clinic.example.org', { version: 3, previousVersion: 2, revertedFrom: 1 }],
      ]);
    });

    it('reverting to a version that does not exist stores nothing', async () => {
      await policies.save(CLINIC, ADMIN);
      expect(await policies.revert(7, ADMIN)).toEqual({ ok: false, code: 'version_not_found' });
      expect(await policies.latestVersion()).toBe(1);
    });

    it('saves at the same moment get consecutive versions, each with its event', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => policies.save({ ...CLINIC, neutralSubject: `Message ${i}` }, ADMIN)));
      expect(results.map((r) => r.ok && r.saved.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await audited()).map(([, detail]) => detail)).toEqual(
        [1, 2, 3, 4, 5, 6].map((version) => ({ version, previousVersion: version - 1 })),
      );
    });

    it('a blank note is no note; a note over the limit or with control characters is refused before anything is stored', async () => {
      const blank = await policies.save(CLINIC, ADMIN, '   ');
      expect(blank.ok && 'note' in blank.saved).toBe(false);
      await expect(policies.save(CLINIC, ADMIN, 'x'.repeat(POLICY_NOTE_MAX_LENGTH + 1))).rejects.toMatchObject({ code: 'invalid_note' });
      await expect(policies.save(CLINIC, ADMIN, 'bell\u0007')).rejects.toBeInstanceOf(PolicyStoreError);
      expect(await policies.latestVersion()).toBe(1);
    });

    it('a stored policy that no longer passes the checks is reported, never applied', async () => {
      await policies.save(CLINIC, ADMIN);
      await t.db.store.run('UPDATE policy_versions SET policy = ? WHERE version = 1', [JSON.stringify({ rules: { phi_external: 'shrug' } })]);
      await expect(policies.current()).rejects.toMatchObject({ code: 'stored_policy_invalid' });
    });
  });
}
