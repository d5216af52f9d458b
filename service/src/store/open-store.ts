import { migrate } from './migrate.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './store.js';

export type StoreOptions = (SqliteStoreOptions | PostgresStoreOptions) & {
  /** Apply pending migrations on open (default). Off for read-only tools such as `audit verify`. */
  readonly migrate?: boolean;
};

/** SQLite in `dataDir`, or PostgreSQL at `databaseUrl`; migrated to the current schema unless told not to. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = 'databaseUrl' in options ? await openPostgresStore(options) : openSqliteStore(options);
  if (options.migrate === false) return store;
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
