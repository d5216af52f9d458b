import { placeholders, type Queryable, type SqlValue } from '../store/store.js';
import type { ConsentRecord } from './schema.js';

/** The database form of a consent; `allow_unencrypted` is 0 or 1. */
interface ConsentRow {
  [column: string]: SqlValue;
  id: string;
  address: string;
  patient_ref: string;
  allow_unencrypted: number;
  consented_on: string;
  source: string;
  recorded_by: string;
  recorded_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, address, patient_ref, allow_unencrypted, consented_on, source, recorded_by, recorded_at, revoked_by, revoked_at';
/** Rows per INSERT: 10 values each stays far below both databases' parameter limits. */
const INSERT_CHUNK = 500;

/** Newest first; ids break ties within a millisecond (consent-id.ts). */
const NEWEST_FIRST = 'recorded_at DESC, id DESC';

export async function insertConsents(tx: Queryable, consents: readonly ConsentRecord[]): Promise<void> {
  for (let i = 0; i < consents.length; i += INSERT_CHUNK) {
    const chunk = consents.slice(i, i + INSERT_CHUNK);
    await tx.run(`INSERT INTO consent (${COLUMNS}) VALUES ${chunk.map(() => `(${placeholders(10)})`).join(', ')}`, chunk.flatMap(consentValues));
  }
}

/** Marks a live consent revoked; undefined when there is no such id or it was already revoked. */
export async function revokeConsent(tx: Queryable, id: string, by: string, at: string): Promise<ConsentRecord | undefined> {
  const [row] = await tx.all<ConsentRow>(
    `UPDATE consent SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [by, at, id],
  );
  return row && toConsent(row);
}

export async function consentById(db: Queryable, id: string): Promise<ConsentRecord | undefined> {
  const [row] = await db.all<ConsentRow>(`SELECT ${COLUMNS} FROM consent WHERE id = ?`, [id]);
  return row && toConsent(row);
}

/** The newest row of each address that has one, in one query. */
export async function newestConsents(db: Queryable, addresses: readonly string[]): Promise<ConsentRecord[]> {
  if (addresses.length === 0) return [];
  const rows = await db.all<ConsentRow>(
    `SELECT ${COLUMNS} FROM (
       SELECT ${COLUMNS}, ROW_NUMBER() OVER (PARTITION BY address ORDER BY ${NEWEST_FIRST}) AS row_rank
       FROM consent WHERE address IN (${placeholders(addresses.length)})
     ) ranked WHERE row_rank = 1`,
    addresses,
  );
  return rows.map(toConsent);
}

/** A position in the newest-first order: the last row of the previous page. */
export interface ConsentPosition {
  readonly recordedAt: string;
  readonly id: string;
}

export async function listConsents(
  db: Queryable,
  query: { address?: string; after?: ConsentPosition; limit: number },
): Promise<ConsentRecord[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.address !== undefined) {
    where.push('address = ?');
    params.push(query.address);
  }
  if (query.after !== undefined) {
    where.push('(recorded_at < ? OR (recorded_at = ? AND id < ?))');
    params.push(query.after.recordedAt, query.after.recordedAt, query.after.id);
  }
  const rows = await db.all<ConsentRow>(
    `SELECT ${COLUMNS} FROM consent ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${NEWEST_FIRST} LIMIT ?`,
    [...params, query.limit],
  );
  return rows.map(toConsent);
}

function consentValues(c: ConsentRecord): SqlValue[] {
  return [
    c.id,
    c.address,
    c.patientRef,
    c.allowUnencrypted ? 1 : 0,
    c.consentedOn,
    c.source,
    c.recordedBy,
    c.recordedAt,
    c.revokedBy ?? null,
    c.revokedAt ?? null,
  ];
}

function toConsent(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    address: row.address,
    patientRef: row.patient_ref,
    allowUnencrypted: Number(row.allow_unencrypted) === 1,
    consentedOn: row.consented_on,
    source: row.source,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    ...(row.revoked_by === null ? {} : { revokedBy: row.revoked_by }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}
