import { LATEST_MIGRATION, MIGRATIONS, type Migration } from './migrations.js';
import { StoreError, type Queryable, type Store } from './store.js';

const CREATE_MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (id BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** Any constant shared by every replica: pg_advisory_xact_lock keys are per database. */
const PG_MIGRATION_LOCK = 727_361_001;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction, and
 * returns their ids. Replicas starting together on PostgreSQL take turns (advisory lock).
 */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return store.transaction(async (tx) => {
    if (store.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [PG_MIGRATION_LOCK]);
    await tx.run(CREATE_MIGRATIONS_TABLE);
    const applied = new Set((await tx.all<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
    const known = Math.max(0, ...migrations.map((m) => m.id));
    if ([...applied].some((id) => id > known)) {
      throw new StoreError('schema_newer', 'the database was migrated by a newer version of PHI Guard');
    }
    const pending = migrations.filter((m) => !applied.has(m.id)).sort((a, b) => a.id - b.id);
    for (const migration of pending) {
      for (const statement of migration.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [
        migration.id,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((m) => m.id);
  });
}

/** Throws unless the schema is exactly the one this code expects (readiness). */
export async function assertSchemaCurrent(db: Queryable, latest: number = LATEST_MIGRATION): Promise<void> {
  let rows: Array<{ id: number | null }>;
  try {
    rows = await db.all<{ id: number | null }>('SELECT max(id) AS id FROM schema_migrations');
  } catch (error) {
    throw new StoreError('schema_outdated', 'the database has no schema yet', { cause: error });
  }
  const current = Number(rows[0]?.id ?? 0);
  if (current < latest) throw new StoreError('schema_outdated', `the database schema is at ${current}, expected ${latest}`);
  if (current > latest) throw new StoreError('schema_newer', 'the database was migrated by a newer version of PHI Guard');
}
