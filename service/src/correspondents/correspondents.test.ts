import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from '../audit/testing.js';
import type { AuditEventInput } from '../audit/schema.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { createCorrespondents, DEFAULT_MIN_SENDS, type Correspondents } from './correspondents.js';
import { CorrespondentError } from './errors.js';

const ALICE = 'alice@clinic.example.org';
const BOB = 'bob@clinic.example.org';
const ADMIN = 'Admin@Clinic.example.org';

let id = 0;
const sent = (recipients: string[], overrides: Partial<AuditEventInput> = {}) =>
  sampleEvent(`c-${++id}`, { kind: 'send_allowed', action: 'allow', reasonCodes: [], recipients, ...overrides });

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'known correspondents'), () => {
    let t: TestAuditLog;
    let correspondents: Correspondents;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      correspondents = createCorrespondents({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    });
    afterEach(async () => t.dispose());

    it(`the default is ${DEFAULT_MIN_SENDS} sends`, () => {
      expect(DEFAULT_MIN_SENDS).toBe(3);
    });

    it('learns a domain once the organisation has sent to it often enough, counting each message once', async () => {
      await t.log.appendBatch(ALICE, [
        sent(['carol@northside-cardiology.org', 'dan@northside-cardiology.org']),
        sent(['carol@northside-cardiology.org'], { kind: 'protection_applied', action: 'encrypt' }),
        sent(['erin@lab.example']),
      ]);
      await t.log.append(BOB, sent(['Frank@Northside-Cardiology.org'], { kind: 'override', action: 'warn', justification: 'Referral.' }));
      await t.log.appendBatch(BOB, [
        sent(['erin@lab.example'], { kind: 'send_blocked', action: 'block', reasonCodes: ['phi_unprotected'] }),
        sent(['erin@lab.example'], { kind: 'warning_shown', action: 'warn' }),
      ]);
      expect(await correspondents.knownDomains()).toEqual(['northside-cardiology.org']);
      expect(await correspondents.list()).toEqual([{ domain: 'northside-cardiology.org', known: true, origin: 'learned', sends: 3 }]);
    });

    it('an IDN domain is learned in its A-label form, whichever form the sends used', async () => {
      await t.log.appendBatch(ALICE, [sent(['anna@münchen-klinik.de']), sent(['anna@münchen-klinik.de']), sent(['ben@MÜNCHEN-klinik.de'])]);
      await t.log.appendBatch(ALICE, [sent(['anna@xn--mnchen-klinik-wob.de']), sent(['ben@xn--mnchen-klinik-wob.de']), sent(['cy@xn--mnchen-klinik-wob.de'])]);
      expect(await correspondents.list()).toEqual([{ domain: 'xn--mnchen-klinik-wob.de', known: true, origin: 'learned', sends: 6 }]);
    });

    it('an admin can add a domain never written to, and remove a learned one (a typo domain), both audited', async () => {
      await t.log.appendBatch(ALICE, [sent(['x@gmial.com']), sent(['y@gmial.com']), sent(['z@gmial.com']), sent(['p@partner.org'])]);
      expect(await correspondents.knownDomains()).toEqual(['gmial.com']);

      t.clock.set('2026-03-02T09:00:00.000Z');
      expect(await correspondents.add(ADMIN, 'Partner.ORG.')).toEqual({
        domain: 'partner.org',
        status: 'added',
        changedBy: 'admin@clinic.example.org',
        changedAt: '2026-03-02T09:00:00.000Z',
      });
      await correspondents.remove(ADMIN, 'gmial.com');

      expect(await correspondents.knownDomains()).toEqual(['partner.org']);
      expect(await correspondents.list()).toEqual([
        { domain: 'gmial.com', known: false, origin: 'removed', sends: 3, changedBy: 'admin@clinic.example.org', changedAt: '2026-03-02T09:00:00.000Z' },
        { domain: 'partner.org', known: true, origin: 'added', sends: 1, changedBy: 'admin@clinic.example.org', changedAt: '2026-03-02T09:00:00.000Z' },
      ]);
      const audited = (await t.log.search({ kinds: ['correspondent_added', 'correspondent_removed'] })).events;
      expect(audited.map((e) => [e.kind, e.actor, e.detail])).toEqual([
        ['correspondent_removed', 'admin@clinic.example.org', { domain: 'gmial.com' }],
        ['correspondent_added', 'admin@clinic.example.org', { domain: 'partner.org' }],
      ]);
    });

    it('a removed domain stays out however often it is written to, until an admin adds it back', async () => {
      await correspondents.remove(ADMIN, 'partner.org');
      await t.log.appendBatch(ALICE, [sent(['a@partner.org']), sent(['b@partner.org']), sent(['c@partner.org']), sent(['d@partner.org'])]);
      expect(await correspondents.knownDomains()).toEqual([]);
      await correspondents.add(ADMIN, 'partner.org');
      expect(await correspondents.knownDomains()).toEqual(['partner.org']);
    });

    it('answers from memory for a minute, then reads the log again', async () => {
      expect(await correspondents.knownDomains()).toEqual([]);
      await t.log.appendBatch(ALICE, [sent(['a@partner.org']), sent(['b@partner.org']), sent(['c@partner.org'])]);
      expect(await correspondents.knownDomains()).toEqual([]);
      t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
      expect(await correspondents.knownDomains()).toEqual(['partner.org']);
    });

    it.each(['', 'not a domain', '192.0.2.1', 'localhost', '-bad.org', 'a..b.org', 'user@partner.org'])('refuses %j as a domain', async (domain) => {
      await expect(correspondents.add(ADMIN, domain)).rejects.toBeInstanceOf(CorrespondentError);
      expect((await t.log.search({})).events).toEqual([]);
    });
  });
}
