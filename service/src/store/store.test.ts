import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { LATEST_MIGRATION, MIGRATIONS } from './migrations.js';
import { openStore } from './open-store.js';
import { StoreError, type Store } from './store.js';
import { storeTargets, targetTitle, type TestStore } from './testing.js';

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'store'), () => {
    let t: TestStore;
    let store: Store;
    beforeEach(async () => {
      t = await target.open();
      store = t.store;
    });
    afterEach(async () => t.dispose());

    it('opening migrates to the latest schema, and reopening applies nothing twice', async () => {
      const rows = await store.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(store)).toEqual([]);
      const again = await openStore(t.options);
      await expect(again.ping()).resolves.toBeUndefined();
      await again.close();
    });

    it('ping reports a reachable database with a current schema', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('a database migrated by a newer version is refused rather than written', async () => {
      await store.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [LATEST_MIGRATION + 1, 'future', 'x']);
      await expect(store.ping()).rejects.toMatchObject({ code: 'schema_newer' });
      await expect(openStore(t.options)).rejects.toMatchObject({ code: 'schema_newer' });
    });

    it('a transaction that throws leaves nothing behind', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.run("INSERT INTO audit_hold (id, reason, placed_by, placed_at) VALUES ('h1', 'r', 'a', 't')");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.all('SELECT id FROM audit_hold')).toEqual([]);
    });

    it('reads outside a transaction see only committed rows', async () => {
      let seenInside: unknown[] = [];
      let seenOutside: unknown[] = [];
      await store.transaction(async (tx) => {
        await tx.run("INSERT INTO audit_hold (id, reason, placed_by, placed_at) VALUES ('h1', 'r', 'a', 't')");
        seenInside = await tx.all('SELECT id FROM audit_hold');
        seenOutside = await store.all('SELECT id FROM audit_hold');
      });
      expect(seenInside).toEqual([{ id: 'h1' }]);
      expect(seenOutside).toEqual([]);
      expect(await store.all('SELECT id FROM audit_hold')).toEqual([{ id: 'h1' }]);
    });

    it('BIGINT columns and counts come back as numbers, and run() counts changed rows', async () => {
      expect(await store.run('UPDATE audit_head SET seq = ? WHERE id = 1', [2 ** 40])).toBe(1);
      expect(await store.all('SELECT seq, count(*) AS n FROM audit_head GROUP BY seq')).toEqual([{ seq: 2 ** 40, n: 1 }]);
    });

    it('UPDATE … RETURNING works on both dialects (the audit head lock relies on it)', async () => {
      const rows = await store.transaction((tx) => tx.all('UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash'));
      expect(rows).toEqual([{ seq: 0, hash: '0'.repeat(64) }]);
    });

    it('concurrent transactions are serialized, so none sees a stale value', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.transaction(async (tx) => {
            const [head] = await tx.all<{ seq: number }>('UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq');
            await tx.run('UPDATE audit_head SET seq = ? WHERE id = 1', [head!.seq + 1]);
          }),
        ),
      );
      expect(await store.all('SELECT seq FROM audit_head')).toEqual([{ seq: 20 }]);
    });

    it('a closed store refuses work', async () => {
      await store.close();
      await expect(store.all('SELECT 1')).rejects.toBeInstanceOf(StoreError);
      await expect(store.ping()).rejects.toMatchObject({ code: 'store_closed' });
    });
  });
}

describe('SQLite store files', () => {
  it('verification tools can refuse to create a database where there is none', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-empty-'));
    try {
      await expect(openStore({ dataDir, mustExist: true, migrate: false })).rejects.toMatchObject({ code: 'database_missing' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
