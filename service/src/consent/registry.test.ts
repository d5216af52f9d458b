import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { ConsentError } from './errors.js';
import { createConsentRegistry, type ConsentRegistry } from './registry.js';
import type { ConsentInput } from './schema.js';

const ADMIN = 'Admin@Clinic.example.org';
const PATIENT_REF = 'MRN-884211';

const consent = (overrides: Partial<ConsentInput> = {}): ConsentInput => ({
  address: 'Maria.Lopez@Gmail.com',
  patientRef: PATIENT_REF,
  allowUnencrypted: true,
  consentedOn: '2026-02-20',
  source: 'portal-form',
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConsentError) return error.code;
    throw error;
  }
  throw new Error('no error');
}

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'consent registry'), () => {
    let t: TestAuditLog;
    let registry: ConsentRegistry;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      registry = createConsentRegistry({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    });
    afterEach(async () => t.dispose());

    const later = () => t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    const auditFor = async (address: string) => (await t.log.search({ recipient: address })).events;

    it('records a consent with who and when, lower-cases the address, and audits it without the patient reference', async () => {
      const recorded = await registry.record(ADMIN, consent());
      expect(recorded).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        address: 'maria.lopez@gmail.com',
        patientRef: PATIENT_REF,
        allowUnencrypted: true,
        consentedOn: '2026-02-20',
        source: 'portal-form',
        recordedBy: 'admin@clinic.example.org',
        recordedAt: '2026-03-01T12:00:00.000Z',
      });
      const events = await auditFor('maria.lopez@gmail.com');
      expect(events).toMatchObject([
        { kind: 'consent_recorded', actor: 'admin@clinic.example.org', recipients: ['maria.lopez@gmail.com'], detail: { consentId: recorded.id, allowUnencrypted: true, source: 'portal-form' } },
      ]);
      expect(JSON.stringify(events)).not.toContain(PATIENT_REF);
    });

    it('refuses an invalid consent with the field and code and stores nothing', async () => {
      const error = await registry.record(ADMIN, consent({ patientRef: 'Maria Lopez', consentedOn: '2026-13-01' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConsentError);
      expect((error as ConsentError).details.issues?.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
        ['patientRef', 'invalid_format'],
        ['consentedOn', 'invalid_format'],
      ]);
      expect((await registry.list()).consents).toEqual([]);
      expect((await t.log.search({})).events).toEqual([]);
    });

    describe('statusFor', () => {
      it('answers for many addresses at once, keyed as asked, with none for unknown ones', async () => {
        const granted = await registry.record(ADMIN, consent());
        const refused = await registry.record(ADMIN, consent({ address: 'j.smith@example.net', allowUnencrypted: false }));
        const status = await registry.statusFor(['MARIA.LOPEZ@gmail.com', 'j.smith@example.net', 'stranger@example.com']);
        expect([...status]).toEqual([
          ['MARIA.LOPEZ@gmail.com', { state: 'granted', allowUnencrypted: true, consentId: granted.id }],
          ['j.smith@example.net', { state: 'refused', allowUnencrypted: false, consentId: refused.id }],
          ['stranger@example.com', { state: 'none', allowUnencrypted: false }],
        ]);
      });

      it('a newer consent supersedes an earlier one, even within the same millisecond', async () => {
        await registry.record(ADMIN, consent({ allowUnencrypted: true }));
        const refusal = await registry.record(ADMIN, consent({ allowUnencrypted: false, source: 'paper' }));
        expect((await registry.statusFor(['maria.lopez@gmail.com'])).get('maria.lopez@gmail.com')).toEqual({
          state: 'refused',
          allowUnencrypted: false,
          consentId: refusal.id,
        });
      });

      it('revoking the newest consent leaves the address revoked: an older grant does not come back', async () => {
        await registry.record(ADMIN, consent());
        later();
        const newest = await registry.record(ADMIN, consent({ source: 'paper' }));
        later();
        await registry.revoke(ADMIN, newest.id);
        expect((await registry.statusFor(['maria.lopez@gmail.com'])).get('maria.lopez@gmail.com')).toEqual({
          state: 'revoked',
          allowUnencrypted: false,
          consentId: newest.id,
        });
        later();
        const renewed = await registry.record(ADMIN, consent({ source: 'portal-form' }));
        expect((await registry.statusFor(['maria.lopez@gmail.com'])).get('maria.lopez@gmail.com')?.consentId).toBe(renewed.id);
      });

      it('answers 100 addresses in one call', async () => {
        await registry.importCsv(
          ADMIN,
          ['address,patient_ref,consent_unencrypted,date,source', ...Array.from({ length: 60 }, (_, i) => `p${i}@example.org,P-${i},${i % 2 ? 'yes' : 'no'},2026-01-02,ehr-import`)].join('\n'),
        );
        const addresses = Array.from({ length: 100 }, (_, i) => `p${i}@example.org`);
        const states = [...(await registry.statusFor(addresses)).values()].map((s) => s.state);
        expect(states.filter((s) => s === 'granted')).toHaveLength(30);
        expect(states.filter((s) => s === 'refused')).toHaveLength(30);
        expect(states.filter((s) => s === 'none')).toHaveLength(40);
      });
    });

    describe('revoke', () => {
      it('keeps the row, marks who revoked it and when, and audits it', async () => {
        const recorded = await registry.record(ADMIN, consent());
        later();
        const revoked = await registry.revoke('privacy.officer@clinic.example.org', recorded.id);
        expect(revoked).toEqual({ ...recorded, revokedBy: 'privacy.officer@clinic.example.org', revokedAt: '2026-03-01T12:01:00.000Z' });
        expect((await registry.list()).consents).toEqual([revoked]);
        const [event] = await auditFor('maria.lopez@gmail.com');
        expect(event).toMatchObject({ kind: 'consent_revoked', actor: 'privacy.officer@clinic.example.org', detail: { consentId: recorded.id, allowUnencrypted: true, source: 'portal-form' } });
      });

      it('an unknown id is consent_not_found and a second revoke is already_revoked, neither audited', async () => {
        const recorded = await registry.record(ADMIN, consent());
        await registry.revoke(ADMIN, recorded.id);
        expect(await codeOf(registry.revoke(ADMIN, '0190f0e0-0000-7000-8000-000000000000'))).toBe('consent_not_found');
        expect(await codeOf(registry.revoke(ADMIN, recorded.id))).toBe('already_revoked');
        expect((await t.log.search({})).events.map((e) => e.kind)).toEqual(['consent_revoked', 'consent_recorded']);
      });
    });

    describe('importCsv', () => {
      const file = [
        '\ufeffaddress,patient_ref,consent_unencrypted,date,source',
        'maria.lopez@gmail.com,MRN-1,yes,2026-01-15,ehr-import',
        'j.smith@example.net,MRN-2,no,2026-01-16,ehr-import',
        'not an address,MRN-3,yes,2026-01-16,ehr-import',
        '',
        'pat@example.org,MRN-4,yes,16/01/2026,ehr-import',
        'kim@example.org,MRN-5,Y,2026-01-17,ehr-import',
      ].join('\r\n');

      it('imports the valid rows, reports the others by line, and audits each imported row', async () => {
        const result = await registry.importCsv(ADMIN, file);
        expect(result).toEqual({
          imported: 3,
          rejected: 2,
          errors: [
            { line: 4, column: 'address', code: 'invalid' },
            { line: 6, column: 'date', code: 'invalid' },
          ],
        });
        const status = await registry.statusFor(['maria.lopez@gmail.com', 'j.smith@example.net', 'kim@example.org', 'pat@example.org']);
        expect([...status.values()].map((s) => s.state)).toEqual(['granted', 'refused', 'granted', 'none']);
        const audited = (await t.log.search({ kinds: ['consent_recorded'] })).events;
        expect(audited.flatMap((e) => e.recipients).sort()).toEqual(['j.smith@example.net', 'kim@example.org', 'maria.lopez@gmail.com']);
        expect(JSON.stringify(audited)).not.toMatch(/MRN-/);
      });

      it('an unreadable file imports nothing and writes no audit event', async () => {
        expect(await codeOf(registry.importCsv(ADMIN, 'email,consent\nmaria@example.org,yes'))).toBe('csv_missing_columns');
        expect((await registry.list()).consents).toEqual([]);
        expect((await t.log.search({})).events).toEqual([]);
      });

      it('a file of only bad rows imports nothing and writes no audit event', async () => {
        const result = await registry.importCsv(ADMIN, 'address,patient_ref,consent_unencrypted,date,source\nx,MRN-1,yes,2026-01-01,paper');
        expect(result).toEqual({ imported: 0, rejected: 1, errors: [{ line: 2, column: 'address', code: 'invalid' }] });
        expect((await t.log.search({})).events).toEqual([]);
      });
    });

    describe('list', () => {
      it('pages newest first with a cursor and filters by address', async () => {
        const ids: string[] = [];
        for (const address of ['a@example.org', 'b@example.org', 'a@example.org']) {
          ids.push((await registry.record(ADMIN, consent({ address }))).id);
          later();
        }
        const first = await registry.list({ limit: 2 });
        expect(first.consents.map((c) => c.id)).toEqual([ids[2], ids[1]]);
        const second = await registry.list({ limit: 2, cursor: first.nextCursor });
        expect(second).toEqual({ consents: [expect.objectContaining({ id: ids[0] })] });
        expect((await registry.list({ address: 'A@example.org' })).consents.map((c) => c.id)).toEqual([ids[2], ids[0]]);
      });

      it('refuses a cursor it never handed out', async () => {
        expect(await codeOf(registry.list({ cursor: 'Zm9v' }))).toBe('invalid_cursor');
      });
    });
  });
}
