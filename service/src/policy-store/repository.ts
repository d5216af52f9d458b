import type { Queryable } from '../store/store.js';
import type { PolicyVersionInfo } from './schema.js';

/** A row of policy_versions; `policy` is the admin's input as normalised JSON text. */
export interface PolicyVersionRow {
  readonly version: number;
  readonly policy: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly note?: string;
  readonly revertedFrom?: number;
}

type Row = { version: number; created_at: string; created_by: string; note: string | null; reverted_from: number | null };

const INFO_COLUMNS = 'version, created_at, created_by, note, reverted_from';

/** The newest version number, 0 when none is stored. */
export async function latestVersion(db: Queryable): Promise<number> {
  const [row] = await db.all<{ version: number | null }>('SELECT max(version) AS version FROM policy_versions');
  return Number(row?.version ?? 0);
}

/** The newest version, undefined when none is stored. */
export async function newestRow(db: Queryable): Promise<PolicyVersionRow | undefined> {
  const [row] = await db.all<Row & { policy: string }>(`SELECT ${INFO_COLUMNS}, policy FROM policy_versions ORDER BY version DESC LIMIT 1`);
  return row && { ...toInfo(row), policy: row.policy };
}

export async function versionRow(db: Queryable, version: number): Promise<PolicyVersionRow | undefined> {
  const [row] = await db.all<Row & { policy: string }>(`SELECT ${INFO_COLUMNS}, policy FROM policy_versions WHERE version = ?`, [version]);
  return row && { ...toInfo(row), policy: row.policy };
}

/** Metadata only, newest first, versions below `before` when given. */
export async function versionInfos(db: Queryable, limit: number, before?: number): Promise<PolicyVersionInfo[]> {
  const rows =
    before === undefined
      ? await db.all<Row>(`SELECT ${INFO_COLUMNS} FROM policy_versions ORDER BY version DESC LIMIT ?`, [limit])
      : await db.all<Row>(`SELECT ${INFO_COLUMNS} FROM policy_versions WHERE version < ? ORDER BY version DESC LIMIT ?`, [before, limit]);
  return rows.map(toInfo);
}

export async function insertVersion(tx: Queryable, row: PolicyVersionRow): Promise<void> {
  await tx.run('INSERT INTO policy_versions (version, policy, created_at, created_by, note, reverted_from) VALUES (?, ?, ?, ?, ?, ?)', [
    row.version,
    row.policy,
    row.createdAt,
    row.createdBy,
    row.note ?? null,
    row.revertedFrom ?? null,
  ]);
}

function toInfo(row: Row): PolicyVersionInfo {
  return {
    version: Number(row.version),
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.note === null ? {} : { note: row.note }),
    ...(row.reverted_from === null ? {} : { revertedFrom: Number(row.reverted_from) }),
  };
}
