import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assertSchemaCurrent } from './migrate.js';
import { StoreError, type Queryable, type Row, type SqlValue, type Store } from './store.js';

/** The database file inside the data folder. */
export const SQLITE_FILE = 'phi-guard.db';

export interface SqliteStoreOptions {
  /** Folder holding the database file; created (mode 700) when missing, unless `mustExist`. */
  readonly dataDir: string;
  /** Refuse to create a new database (verification of an existing one). */
  readonly mustExist?: boolean;
}

type Connection = Database.Database;

/**
 * SQLite in WAL mode with synchronous=FULL: a commit returns after its fsync, so an acknowledged
 * write survives a crash or power loss (sqlite.org/pragma.html#pragma_synchronous). Group commit
 * in the audit log amortizes that fsync. One writer connection, serialized here, and one
 * read-only connection that sees committed data only.
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (!options.mustExist) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, SQLITE_FILE);
  let writer: Connection;
  try {
    writer = new Database(path, { fileMustExist: options.mustExist ?? false });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CANTOPEN') {
      throw new StoreError('database_missing', 'no PHI Guard database in that folder', { cause: error });
    }
    throw error;
  }
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('busy_timeout = 5000');
  const reader = new Database(path, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');

  const write = statements(writer);
  const read = statements(reader);
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  /** Runs fn after every earlier write: the single writer connection is never shared mid-transaction. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new StoreError('store_closed', 'the store is closed'));
    const result = tail.then(fn);
    tail = result.catch(() => undefined);
    return result;
  }

  return {
    dialect: 'sqlite',
    all: async (sql, params) => {
      if (closed) throw new StoreError('store_closed', 'the store is closed');
      return read.all(sql, params);
    },
    run: (sql, params) => exclusive(async () => write.run(sql, params)),
    transaction: (fn) =>
      exclusive(async () => {
        writer.exec('BEGIN IMMEDIATE');
        let open = true;
        const tx: Queryable = {
          all: async (sql, params) => {
            if (!open) throw new StoreError('store_closed', 'the transaction has ended');
            return write.all(sql, params);
          },
          run: async (sql, params) => {
            if (!open) throw new StoreError('store_closed', 'the transaction has ended');
            return write.run(sql, params);
          },
        };
        try {
          const result = await fn(tx);
          writer.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw error;
        } finally {
          open = false;
        }
      }),
    ping: async () => {
      if (closed) throw new StoreError('store_closed', 'the store is closed');
      read.all('SELECT 1');
      await assertSchemaCurrent({ all: async (sql, params) => read.all(sql, params), run: async () => 0 });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await tail;
      reader.close();
      writer.close();
    },
  };
}

const STATEMENT_CACHE_LIMIT = 500;

/** Prepared statements per connection, reused by SQL text. */
function statements(db: Connection) {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    all<T extends Row>(sql: string, params: readonly SqlValue[] = []): T[] {
      const statement = prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    },
    run(sql: string, params: readonly SqlValue[] = []): number {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...params).length;
      return statement.run(...params).changes;
    },
  };
}
