import { CodedError } from '../coded-error.js';

/** A value bound to a `?` placeholder or read from a column. Integers come back as numbers on both dialects. */
export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

export type Dialect = 'sqlite' | 'postgres';

/**
 * Portable SQL: `?` placeholders (never inside string literals), lower-case snake_case names,
 * TEXT/BIGINT columns, `INSERT … ON CONFLICT`, `UPDATE … RETURNING`. Both dialects accept it.
 */
export interface Queryable {
  /** The rows a statement returns (none for a statement without RETURNING). */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * The one storage port: SQLite (embedded, one file) or PostgreSQL (several replicas). Reads
 * outside a transaction see committed data only.
 */
export interface Store extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: committed (and durable) when it resolves, rolled back when it
   * throws. Writers are serialized: SQLite takes the write lock up front (BEGIN IMMEDIATE); on
   * PostgreSQL, statements that update the same row (e.g. the audit chain head) wait for each other.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Readiness: resolves when the database answers and its schema is current; throws otherwise. */
  ping(): Promise<void>;
  /** Waits for the transaction in progress, then closes every connection. */
  close(): Promise<void>;
}

export type StoreErrorCode = 'store_closed' | 'schema_outdated' | 'schema_newer' | 'database_missing';

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = 'StoreError';
}

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
