import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GENESIS_HASH } from '../store/migrations.js';
import { openStore } from '../store/open-store.js';
import type { Queryable, Store } from '../store/store.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { AuditLog } from './audit-log.js';
import { AuditError } from './errors.js';
import { eventHash } from './event-hash.js';
import { openTestAuditLog, sampleEvent, testAuditKey, type TestAuditLog } from './testing.js';

const ALICE = 'alice@example.org';

async function count(db: Queryable, table = 'audit_event'): Promise<number> {
  const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}

/** A store whose transactions are counted, and whose inserts fail for a marked event id. */
function instrumented(store: Store, poisonId?: string): Store & { transactions: number } {
  const wrapped = {
    ...store,
    transactions: 0,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      wrapped.transactions += 1;
      return store.transaction((tx) =>
        fn({
          all: (sql, params) => tx.all(sql, params),
          run: (sql, params) => {
            if (poisonId !== undefined && sql.startsWith('INSERT INTO audit_event ') && params?.includes(poisonId)) {
              return Promise.reject(new Error('disk full'));
            }
            return tx.run(sql, params);
          },
        }),
      );
    },
  };
  return wrapped;
}

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit log appends'), () => {
    let t: TestAuditLog;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
    });
    afterEach(async () => t.dispose());

    it('each event gets the next seq and a hash over its fields chained to the previous hash', async () => {
      const first = await t.log.append(ALICE, sampleEvent('e-1'));
      const second = await t.log.append(ALICE, sampleEvent('e-2', { kind: 'scan', action: 'warn' }));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      expect([first.status, second.status]).toEqual(['created', 'created']);
      const { events } = await t.log.search({});
      const [e2, e1] = events;
      expect(e1).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, hash: first.hash, actor: ALICE, recorded: '2026-03-01T12:00:00.000Z' });
      expect(e2!.prevHash).toBe(e1!.hash);
      const { prevHash, hash, ...record } = e2!;
      expect(eventHash(record, prevHash)).toBe(hash);
    });

    it('stores times as UTC, recipients lower-cased, and never a field the client did not send', async () => {
      await t.log.append(ALICE, sampleEvent('e-1', { time: '2026-03-01T13:00:00+02:00', recipients: ['Bob@Example.org', 'bob@example.org'] }));
      const [event] = (await t.log.search({})).events;
      expect(event).toEqual({
        seq: 1,
        recorded: '2026-03-01T12:00:00.000Z',
        clientEventId: 'e-1',
        time: '2026-03-01T11:00:00.000Z',
        kind: 'send_blocked',
        actor: ALICE,
        client: 'outlook',
        messageRef: 'AAMkAGI2TG93AAA=',
        recipients: ['bob@example.org'],
        phiKinds: { SSN: 1, CONDITION: 2 },
        action: 'block',
        reasonCodes: ['phi_unprotected'],
        prevHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('concurrent appends share one transaction (group commit)', async () => {
      const store = instrumented(t.db.store);
      const log = new AuditLog({ store, key: await testAuditKey() });
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(ALICE, sampleEvent(`g-${i}`))));
      await log.close();
      expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(store.transactions).toBe(1);
    });

    it('with a group-commit window, appends arriving within it share one transaction', async () => {
      const store = instrumented(t.db.store);
      const log = new AuditLog({ store, key: await testAuditKey(), groupCommitMs: 250 });
      const first = log.append(ALICE, sampleEvent('w-1'));
      await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.all([first, log.append(ALICE, sampleEvent('w-2'))]);
      await log.close();
      expect(store.transactions).toBe(1);
    });

    it('appends made once a commit has started share the next transaction', async () => {
      const store = instrumented(t.db.store);
      const log = new AuditLog({ store, key: await testAuditKey() });
      const first = log.append(ALICE, sampleEvent('f-1'));
      await new Promise((resolve) => setImmediate(resolve));
      const rest = Array.from({ length: 20 }, (_, i) => log.append(ALICE, sampleEvent(`f-${i + 2}`)));
      await Promise.all([first, ...rest]);
      await log.close();
      expect(store.transactions).toBe(2);
    });

    it('a group never exceeds maxGroupEvents, and appends during a commit join the next group', async () => {
      const store = instrumented(t.db.store);
      const log = new AuditLog({ store, key: await testAuditKey(), maxGroupEvents: 10 });
      await Promise.all(Array.from({ length: 35 }, (_, i) => log.append(ALICE, sampleEvent(`g-${i}`))));
      await log.close();
      expect(store.transactions).toBe(4);
      expect((await t.log.verify()).ok).toBe(true);
    });

    it('a repeated clientEventId returns the original result and writes nothing', async () => {
      const original = await t.log.append(ALICE, sampleEvent('e-1'));
      t.clock.advanceDays(1);
      const again = await t.log.append(ALICE, sampleEvent('e-1', { kind: 'scan' }));
      expect(again).toEqual({ ...original, status: 'duplicate' });
      expect(await count(t.db.store)).toBe(1);
    });

    it('concurrent retries of one event store it once', async () => {
      const results = await Promise.all([1, 2, 3].map(() => t.log.append(ALICE, sampleEvent('e-1'))));
      expect(results.map((r) => r.status).sort()).toEqual(['created', 'duplicate', 'duplicate']);
      expect(new Set(results.map((r) => r.seq))).toEqual(new Set([1]));
      expect(await count(t.db.store)).toBe(1);
    });

    it("idempotency keys are per actor: another user's event with the same id is its own event", async () => {
      await t.log.append(ALICE, sampleEvent('e-1'));
      const other = await t.log.append('mallory@example.org', sampleEvent('e-1'));
      expect(other).toMatchObject({ seq: 2, status: 'created' });
    });

    it('a batch is all or nothing: one invalid event stores none of it', async () => {
      const error = await t.log.appendBatch(ALICE, [sampleEvent('b-1'), sampleEvent('b-2', { kind: 'nope' as never })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuditError);
      expect(error).toMatchObject({ code: 'invalid_input', details: { issues: [{ path: [1, 'kind'], code: 'invalid_value' }] } });
      expect(await count(t.db.store)).toBe(0);
    });

    it('a batch whose write fails stores none of it, and batches committed alongside it still land', async () => {
      const store = instrumented(t.db.store, 'poison');
      const log = new AuditLog({ store, key: await testAuditKey(), groupCommitMs: 5 });
      const [bad, good] = await Promise.allSettled([
        log.appendBatch(ALICE, [sampleEvent('b-1'), sampleEvent('poison')]),
        log.appendBatch(ALICE, [sampleEvent('c-1'), sampleEvent('c-2')]),
      ]);
      await log.close();
      expect(bad.status).toBe('rejected');
      expect(good).toMatchObject({ status: 'fulfilled', value: [{ seq: 1 }, { seq: 2 }] });
      const stored = (await t.log.search({})).events.map((e) => e.clientEventId);
      expect(stored.sort()).toEqual(['c-1', 'c-2']);
      expect((await t.log.verify()).ok).toBe(true);
    });

    it('a duplicate inside one batch is stored once', async () => {
      const results = await t.log.appendBatch(ALICE, [sampleEvent('d-1'), sampleEvent('d-1')]);
      expect(results.map((r) => r.status)).toEqual(['created', 'duplicate']);
      expect(await count(t.db.store)).toBe(1);
    });

    it('close() writes what is queued, then refuses new appends', async () => {
      const pending = t.log.append(ALICE, sampleEvent('e-1'));
      await t.log.close();
      await expect(pending).resolves.toMatchObject({ seq: 1 });
      await expect(t.log.append(ALICE, sampleEvent('e-2'))).rejects.toMatchObject({ code: 'closed' });
    });

    it('acknowledged events are there after the store is closed and reopened', async () => {
      await t.log.appendBatch(ALICE, [sampleEvent('e-1'), sampleEvent('e-2')]);
      await t.log.close();
      await t.db.store.close();
      const reopened = await openStore(t.db.options);
      try {
        const log = new AuditLog({ store: reopened, key: await testAuditKey() });
        expect((await log.search({})).events.map((e) => e.clientEventId)).toEqual(['e-2', 'e-1']);
        expect((await log.verify()).ok).toBe(true);
      } finally {
        await reopened.close();
      }
    });
  });

  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit log search'), () => {
    let t: TestAuditLog;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      await t.log.appendBatch(ALICE, [
        sampleEvent('a-1', { time: '2026-01-10T09:00:00Z', kind: 'scan', recipients: [], reasonCodes: [] }),
        sampleEvent('a-2', { time: '2026-01-11T09:00:00Z', recipients: ['carol@partner.org'], reasonCodes: ['first_time_recipient'] }),
        sampleEvent('a-3', { time: '2026-02-01T09:00:00Z', kind: 'override', action: 'warn', justification: 'Asked by the patient.' }),
      ]);
      await t.log.append('dave@example.org', sampleEvent('d-1', { time: '2026-01-12T09:00:00Z' }));
    });
    afterEach(async () => t.dispose());

    const ids = async (filter: Parameters<AuditLog['search']>[0]) => (await t.log.search(filter)).events.map((e) => e.clientEventId);

    it.each([
      ['no filter: everything, newest first', {}, ['d-1', 'a-3', 'a-2', 'a-1']],
      ['a time range on the event time (from inclusive, to exclusive)', { from: '2026-01-11T09:00:00Z', to: '2026-02-01T09:00:00Z' }, ['d-1', 'a-2']],
      ['an actor, case-insensitively for emails', { actor: 'Dave@Example.org' }, ['d-1']],
      ['a recipient', { recipient: 'CAROL@partner.org' }, ['a-2']],
      ['kinds', { kinds: ['scan', 'override'] as const }, ['a-3', 'a-1']],
      ['a reason code', { reasonCode: 'first_time_recipient' as const }, ['a-2']],
      ['filters together narrow', { actor: ALICE, reasonCode: 'phi_unprotected' as const, from: '2026-01-20T00:00:00Z' }, ['a-3']],
    ])('finds by %s', async (_name, filter, expected) => {
      expect(await ids(filter)).toEqual(expected);
    });

    it('pages with a cursor visit every event once', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.log.search({}, { limit: 3, cursor });
        seen.push(...page.events.map((e) => e.clientEventId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['d-1', 'a-3', 'a-2', 'a-1']);
    });

    it('a cursor the log did not hand out is refused', async () => {
      await expect(t.log.search({}, { cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    });

    it('export yields every match oldest first', async () => {
      const exported: string[] = [];
      for await (const event of t.log.export({ actor: ALICE })) exported.push(event.clientEventId);
      expect(exported).toEqual(['a-1', 'a-2', 'a-3']);
    });
  });
}
