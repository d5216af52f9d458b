import pg from 'pg';
import { assertSchemaCurrent } from './migrate.js';
import { StoreError, type Queryable, type Row, type SqlValue, type Store } from './store.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/db; a secret, never logged. */
  readonly databaseUrl: string;
  /** Schema for every table (created when missing); `public` when absent. Lets test runs share a database. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

/**
 * PostgreSQL through a pg pool, for several service replicas. BIGINT columns come back as numbers
 * (audit seqs stay far below 2^53), and `?` placeholders become `$1…$n`.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new TypeError('schema must be a lower-case SQL identifier');
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that drops is replaced by the pool; the next query reports a real outage.
  pool.on('error', () => undefined);

  const active = new Set<Promise<unknown>>();
  let closed = false;
  const track = <T>(work: Promise<T>): Promise<T> => {
    active.add(work);
    void work.then(
      () => active.delete(work),
      () => active.delete(work),
    );
    return work;
  };
  const open = () => {
    if (closed) throw new StoreError('store_closed', 'the store is closed');
  };
  const onPool = queries((sql, params) => pool.query(sql, params));

  try {
    if (schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    dialect: 'postgres',
    all: async (sql, params) => {
      open();
      return track(onPool.all(sql, params));
    },
    run: async (sql, params) => {
      open();
      return track(onPool.run(sql, params));
    },
    transaction: async (fn) => {
      open();
      return track(
        (async () => {
          const client = await pool.connect();
          let ended = false;
          const onClient = queries((sql, params) => client.query(sql, params));
          const tx: Queryable = {
            all: async (sql, params) => {
              if (ended) throw new StoreError('store_closed', 'the transaction has ended');
              return onClient.all(sql, params);
            },
            run: async (sql, params) => {
              if (ended) throw new StoreError('store_closed', 'the transaction has ended');
              return onClient.run(sql, params);
            },
          };
          try {
            await client.query('BEGIN');
            const result = await fn(tx);
            await client.query('COMMIT');
            client.release();
            return result;
          } catch (error) {
            try {
              await client.query('ROLLBACK');
              client.release();
            } catch (rollbackError) {
              client.release(rollbackError as Error);
            }
            throw error;
          } finally {
            ended = true;
          }
        })(),
      );
    },
    ping: async () => {
      open();
      await onPool.all('SELECT 1');
      await assertSchemaCurrent(onPool);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...active]);
      await pool.end();
    },
  };
}

type Execute = (sql: string, params: SqlValue[]) => Promise<pg.QueryResult>;

function queries(execute: Execute): Queryable {
  return {
    all: async <T extends Row>(sql: string, params: readonly SqlValue[] = []) => (await execute(numbered(sql), [...params])).rows as T[],
    run: async (sql, params = []) => (await execute(numbered(sql), [...params])).rowCount ?? 0,
  };
}

/** `?` → `$1`, `$2`, … in order (portable SQL never has `?` in a literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
