import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { storeTargets, targetTitle } from '../store/testing.js';
import type { Queryable } from '../store/store.js';
import { DEFAULT_RETENTION_DAYS } from './retention.js';
import { verifyAuditLog } from './verify.js';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from './testing.js';

const ALICE = 'alice@example.org';
const ADMIN = 'admin@example.org';

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit retention'), () => {
    let t: TestAuditLog;
    /** Three old events (2026) then, six and a half years on, one new one. */
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      await t.log.appendBatch(ALICE, [
        sampleEvent('old-1', { time: '2026-03-01T10:00:00Z' }),
        sampleEvent('old-2', { time: '2026-03-01T11:00:00Z', recipients: ['carol@partner.org'] }),
      ]);
      await t.log.append('dave@example.org', sampleEvent('old-3', { time: '2026-06-01T11:00:00Z' }));
      await t.log.checkpoint();
      t.clock.advanceDays(6.5 * 365);
      await t.log.append(ALICE, sampleEvent('new-1', { time: t.clock.now().toISOString() }));
    });
    afterEach(async () => t.dispose());

    const liveIds = async () => (await t.log.search({}, { limit: 100 })).events.filter((e) => e.kind === 'send_blocked').map((e) => e.clientEventId).sort();

    it('the default retention period is six years', () => {
      expect(DEFAULT_RETENTION_DAYS / 365.25).toBeGreaterThanOrEqual(6);
    });

    it('purges events recorded before the retention period and keeps newer ones', async () => {
      const result = await t.log.purge();
      expect(result).toMatchObject({ purged: 3, seq: 5 });
      expect(await liveIds()).toEqual(['new-1']);
    });

    it('the chain and the checkpoint signed before the purge still verify after it', async () => {
      await t.log.purge();
      await t.log.checkpoint();
      expect(await t.log.verify()).toMatchObject({ ok: true, events: 5, purged: 3, checkpoints: 2, verifiedThrough: 5 });
    });

    it('a purged event keeps only seq, time recorded, kind and hashes; nothing personal', async () => {
      await t.log.purge();
      const rows = await t.db.store.all('SELECT * FROM audit_event WHERE seq = 2');
      expect(rows).toEqual([
        expect.objectContaining({ seq: 2, kind: 'send_blocked', purged_by: 5, actor: null, client_event_id: null, occurred: null, message_ref: null, body: null }),
      ]);
      expect(await t.db.store.all("SELECT * FROM audit_event_recipient WHERE recipient = 'carol@partner.org'")).toEqual([]);
    });

    it('every purge is itself an audit event, with the cutoff and how many it purged', async () => {
      await t.log.purge();
      const [purge] = (await t.log.search({ kinds: ['purge'] })).events;
      expect(purge).toMatchObject({ actor: 'service', client: 'service', detail: { purged: 3, cutoff: expect.stringMatching(/^2026-/) } });
    });

    it('a purge with nothing due writes nothing', async () => {
      await t.log.purge();
      expect(await t.log.purge()).toEqual({ cutoff: expect.any(String), purged: 0 });
      expect((await t.log.search({ kinds: ['purge'] })).events).toHaveLength(1);
    });

    it.each([
      ['an actor', { actor: 'Dave@example.org' }, ['new-1', 'old-3']],
      ['a recipient', { recipient: 'carol@partner.org' }, ['new-1', 'old-2']],
      ['a time range', { from: '2026-03-01T10:30:00Z', to: '2026-07-01T00:00:00Z' }, ['new-1', 'old-2', 'old-3']],
    ])('a legal hold on %s suspends purging of what it covers', async (_scope, scope, kept) => {
      await t.log.placeHold(ADMIN, { ...scope, reason: 'Case 2032-7' });
      await t.log.purge();
      expect(await liveIds()).toEqual(kept);
      expect((await t.log.verify()).ok).toBe(true);
    });

    it('a released hold no longer protects', async () => {
      const hold = await t.log.placeHold(ADMIN, { actor: 'dave@example.org', reason: 'Case 2032-7' });
      await t.log.purge();
      const released = await t.log.releaseHold(ADMIN, hold.id);
      expect(released).toMatchObject({ id: hold.id, releasedBy: ADMIN, releasedAt: expect.any(String) });
      await t.log.purge();
      expect(await liveIds()).toEqual(['new-1']);
      expect((await t.log.verify()).ok).toBe(true);
    });

    it('placing and releasing a hold are audit events, and holds are listed', async () => {
      const hold = await t.log.placeHold(ADMIN, { recipient: 'Carol@Partner.org', reason: 'Case 2032-7' });
      await t.log.releaseHold(ADMIN, hold.id);
      const events = (await t.log.search({ kinds: ['hold_placed', 'hold_released'] })).events.reverse();
      expect(events).toMatchObject([
        { actor: ADMIN, kind: 'hold_placed', detail: { holdId: hold.id, recipient: 'carol@partner.org', reason: 'Case 2032-7' } },
        { actor: ADMIN, kind: 'hold_released', detail: { holdId: hold.id } },
      ]);
      expect(await t.log.holds()).toEqual([{ ...hold, releasedBy: ADMIN, releasedAt: expect.any(String) }]);
      expect(await t.log.holds({ activeOnly: true })).toEqual([]);
    });

    it('releasing a hold that is not active is refused', async () => {
      await expect(t.log.releaseHold(ADMIN, 'no-such-hold')).rejects.toMatchObject({ code: 'hold_not_found' });
      const hold = await t.log.placeHold(ADMIN, { actor: ALICE, reason: 'x' });
      await t.log.releaseHold(ADMIN, hold.id);
      await expect(t.log.releaseHold(ADMIN, hold.id)).rejects.toMatchObject({ code: 'hold_not_found' });
    });

    it('purge and hold events are never purged themselves', async () => {
      await t.log.placeHold(ADMIN, { actor: 'nobody@example.org', reason: 'x' });
      await t.log.purge();
      t.clock.advanceDays(7 * 365);
      await t.log.purge();
      const kinds = (await t.log.search({}, { limit: 100 })).events.map((e) => e.kind);
      expect(kinds).toEqual(['purge', 'purge', 'hold_placed']);
      expect((await t.log.verify()).ok).toBe(true);
    });

    it('a purge that runs while verification reads is not mistaken for tampering', async () => {
      let purged = false;
      // Verification reads the head, then the purge commits, then verification reads the events.
      const racing: Queryable = {
        run: (sql, params) => t.db.store.run(sql, params),
        all: async (sql, params) => {
          const rows = await t.db.store.all(sql, params);
          if (!purged && sql.includes('FROM audit_head')) {
            purged = true;
            await t.log.purge();
          }
          return rows as never;
        },
      };
      const report = await verifyAuditLog(racing, { publicKeys: [t.log.publicKey] });
      expect(purged).toBe(true);
      expect(report).toMatchObject({ ok: true, events: 4, purged: 3 });
    });

    it('a purge that under-reports what it purged is detected', async () => {
      await t.log.purge();
      await t.db.store.run('UPDATE audit_event SET purged_by = 5 WHERE seq = 4');
      const report = await t.log.verify();
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toMatchObject({ code: 'purge_not_recorded' });
    });
  });
}
