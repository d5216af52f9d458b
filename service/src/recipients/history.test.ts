import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from '../audit/testing.js';
import type { AuditEventInput } from '../audit/schema.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { previousSends } from './history.js';

const ALICE = 'Alice@Clinic.example.org';
const BOB = 'bob@clinic.example.org';

let id = 0;
const sent = (recipients: string[], overrides: Partial<AuditEventInput> = {}) =>
  sampleEvent(`h-${++id}`, { kind: 'send_allowed', action: 'allow', reasonCodes: [], recipients, ...overrides });

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'recipient history'), () => {
    let t: TestAuditLog;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
    });
    afterEach(async () => t.dispose());

    const history = (sender: string, addresses: string[]) => previousSends(t.db.store, sender, addresses);

    it("counts the sender's earlier sends to each address, keyed as asked, 0 for a first-time recipient", async () => {
      await t.log.appendBatch(ALICE, [
        sent(['carol@partner.org', 'dan@partner.org']),
        sent(['carol@partner.org'], { kind: 'override', action: 'warn', justification: 'Patient asked for it.' }),
        sent(['Carol@Partner.org'], { kind: 'protection_applied', action: 'encrypt' }),
      ]);
      const counts = await history('alice@clinic.example.org', ['CAROL@partner.org', 'dan@partner.org', 'erin@new-lab.example']);
      expect([...counts]).toEqual([
        ['CAROL@partner.org', 3],
        ['dan@partner.org', 1],
        ['erin@new-lab.example', 0],
      ]);
    });

    it('only sends count: a blocked send, a warning or a scan is not writing to someone', async () => {
      await t.log.appendBatch(ALICE, [
        sent(['carol@partner.org'], { kind: 'send_blocked', action: 'block', reasonCodes: ['phi_unprotected'] }),
        sent(['carol@partner.org'], { kind: 'warning_shown', action: 'warn' }),
        sent(['carol@partner.org'], { kind: 'scan', action: 'allow' }),
      ]);
      expect((await history(ALICE, ['carol@partner.org'])).get('carol@partner.org')).toBe(0);
    });

    it("another person's sends do not count for this sender", async () => {
      await t.log.appendBatch(BOB, [sent(['carol@partner.org']), sent(['carol@partner.org'])]);
      await t.log.append(ALICE, sent(['carol@partner.org']));
      expect((await history(ALICE, ['carol@partner.org'])).get('carol@partner.org')).toBe(1);
      expect((await history(BOB, ['carol@partner.org'])).get('carol@partner.org')).toBe(2);
    });

    it('answers 50 addresses in one call, and nothing for none', async () => {
      const addresses = Array.from({ length: 50 }, (_, i) => `r${i}@partner.org`);
      await t.log.appendBatch(ALICE, [sent(addresses.slice(0, 10)), sent(addresses.slice(5, 20))]);
      const counts = await history(ALICE, addresses);
      expect(addresses.map((a) => counts.get(a))).toEqual([...Array(5).fill(1), ...Array(5).fill(2), ...Array(10).fill(1), ...Array(30).fill(0)]);
      expect((await history(ALICE, [])).size).toBe(0);
    });

    it('purged events no longer count', async () => {
      await t.log.append(ALICE, sent(['carol@partner.org']));
      t.clock.advanceDays(7 * 365);
      await t.log.purge();
      await t.log.append(ALICE, sent(['carol@partner.org'], { time: t.clock.now().toISOString() }));
      expect((await history(ALICE, ['carol@partner.org'])).get('carol@partner.org')).toBe(1);
    });
  });
}
