import { SENT_EVENT_KINDS } from '../recipients/history.js';
import { placeholders, type Dialect, type Queryable } from '../store/store.js';

export type CorrespondentStatus = 'added' | 'removed';

export interface CorrespondentEdit {
  readonly domain: string;
  readonly status: CorrespondentStatus;
  readonly changedBy: string;
  readonly changedAt: string;
}

/** The part after the '@' (an audit recipient has exactly one, see AddressSchema). */
const DOMAIN_OF_RECIPIENT: Record<Dialect, string> = {
  sqlite: "substr(r.recipient, instr(r.recipient, '@') + 1)",
  postgres: "split_part(r.recipient, '@', 2)",
};

/**
 * Sent events per recipient domain (distinct events: one message to two people at a domain counts
 * once), for domains with at least `minSends` and for every domain an admin edited.
 */
export async function sendsByDomain(db: Queryable, dialect: Dialect, minSends: number): Promise<Array<{ domain: string; sends: number }>> {
  const rows = await db.all<{ domain: string; sends: number }>(
    `SELECT d.domain, COUNT(DISTINCT d.seq) AS sends FROM (
       SELECT r.seq, ${DOMAIN_OF_RECIPIENT[dialect]} AS domain
       FROM audit_event_recipient r JOIN audit_event e ON e.seq = r.seq
       WHERE e.kind IN (${placeholders(SENT_EVENT_KINDS.length)})
     ) d
     GROUP BY d.domain
     HAVING COUNT(DISTINCT d.seq) >= ? OR d.domain IN (SELECT domain FROM correspondent)`,
    [...SENT_EVENT_KINDS, minSends],
  );
  return rows.map((row) => ({ domain: row.domain, sends: Number(row.sends) }));
}

export async function correspondentEdits(db: Queryable): Promise<CorrespondentEdit[]> {
  const rows = await db.all<{ domain: string; status: string; changed_by: string; changed_at: string }>(
    'SELECT domain, status, changed_by, changed_at FROM correspondent',
  );
  return rows.map((row) => ({ domain: row.domain, status: row.status as CorrespondentStatus, changedBy: row.changed_by, changedAt: row.changed_at }));
}

export async function saveCorrespondentEdit(tx: Queryable, edit: CorrespondentEdit): Promise<void> {
  await tx.run(
    `INSERT INTO correspondent (domain, status, changed_by, changed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (domain) DO UPDATE SET status = excluded.status, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    [edit.domain, edit.status, edit.changedBy, edit.changedAt],
  );
}
