import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type StoreOptions } from './open-store.js';
import type { Store } from './store.js';

/** A fresh, migrated store for one test; `dispose` closes it and deletes everything it held. */
export interface TestStore {
  readonly store: Store;
  /** Options that reopen the same database (restart tests). */
  readonly options: StoreOptions;
  dispose(): Promise<void>;
}

export interface StoreTarget {
  readonly name: 'sqlite' | 'postgres';
  /** Set when this target can't run here; suites register its tests as skipped, so the gap shows. */
  readonly skipReason?: string;
  open(): Promise<TestStore>;
}

/**
 * Every store the shared suites run against: SQLite always, PostgreSQL when DATABASE_URL is set,
 * each test in its own schema so parallel and CI runs never collide. Use as
 * `for (const target of storeTargets()) (target.skipReason ? describe.skip : describe)(…)`.
 */
export function storeTargets(env: NodeJS.ProcessEnv = process.env): StoreTarget[] {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return [
    { name: 'sqlite', open: openTestSqlite },
    databaseUrl === undefined
      ? { name: 'postgres', skipReason: 'set DATABASE_URL to run', open: () => Promise.reject(new Error('DATABASE_URL is not set')) }
      : { name: 'postgres', open: () => openTestPostgres(databaseUrl) },
  ];
}

/** The describe title of a target, naming why it is skipped. */
export function targetTitle(target: StoreTarget, subject: string): string {
  return `${subject} on ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ''}`;
}

async function openTestSqlite(): Promise<TestStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-store-'));
  const options: StoreOptions = { dataDir };
  const store = await openStore(options);
  return {
    store,
    options,
    dispose: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openTestPostgres(databaseUrl: string): Promise<TestStore> {
  const schema = `phiguard_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const options: StoreOptions = { databaseUrl, schema, maxConnections: 4 };
  const store = await openStore(options);
  return {
    store,
    options,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
