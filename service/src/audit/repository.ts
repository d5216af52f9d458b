import { placeholders, type Dialect, type Queryable, type SqlValue } from '../store/store.js';
import { defined } from './defined.js';
import { PURGE_EXEMPT_KINDS } from './retention.js';
import type { AppendResult, AuditEvent, AuditFilter, AuditRecord, Hold } from './schema.js';

/** SQL of the audit tables (store/migrations.ts), in the portable dialect of store/store.ts. */

export interface Head {
  readonly seq: number;
  readonly hash: string;
}

export type EventRow = {
  seq: number;
  recorded: string;
  kind: string;
  prev_hash: string;
  hash: string;
  purged_by: number | null;
  client_event_id: string | null;
  occurred: string | null;
  actor: string | null;
  client: string | null;
  message_ref: string | null;
  action: string | null;
  body: string | null;
};

/** The event fields kept as JSON in `body`. */
type Body = Pick<AuditRecord, 'recipients' | 'phiKinds' | 'reasonCodes' | 'protection' | 'justification' | 'detail'>;

const EVENT_COLUMNS =
  'seq, recorded, kind, prev_hash, hash, purged_by, client_event_id, occurred, actor, client, message_ref, action, body';
const INSERT_COLUMNS = 'seq, recorded, kind, prev_hash, hash, client_event_id, occurred, actor, client, message_ref, action, body';
/** Rows per INSERT: 12 columns × 80 stays under every SQLite build's variable limit. */
const INSERT_CHUNK = 80;
const IN_CHUNK = 500;

/**
 * Locks the chain head for this transaction and returns it. A no-op UPDATE takes the row lock
 * on PostgreSQL (writers on other replicas wait here) and works unchanged on SQLite.
 */
export async function lockHead(tx: Queryable): Promise<Head> {
  const [row] = await tx.all<{ seq: number; hash: string }>('UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash');
  if (!row) throw new Error('audit_head row is missing');
  return { seq: Number(row.seq), hash: row.hash };
}

export async function readHead(db: Queryable): Promise<Head> {
  const [row] = await db.all<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!row) throw new Error('audit_head row is missing');
  return { seq: Number(row.seq), hash: row.hash };
}

export async function setHead(tx: Queryable, head: Head): Promise<void> {
  await tx.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [head.seq, head.hash]);
}

/** Stored results for these idempotency keys, by `actor\nclientEventId`. */
export async function findAppended(
  tx: Queryable,
  keys: ReadonlyArray<{ actor: string; clientEventId: string }>,
): Promise<Map<string, AppendResult>> {
  const found = new Map<string, AppendResult>();
  const wanted = new Set(keys.map((k) => appendKey(k.actor, k.clientEventId)));
  const ids = [...new Set(keys.map((k) => k.clientEventId))];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const rows = await tx.all<{ actor: string; client_event_id: string; seq: number; hash: string; recorded: string }>(
      `SELECT actor, client_event_id, seq, hash, recorded FROM audit_event WHERE client_event_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const row of rows) {
      const key = appendKey(row.actor, row.client_event_id);
      if (!wanted.has(key)) continue;
      found.set(key, { clientEventId: row.client_event_id, seq: Number(row.seq), hash: row.hash, recorded: row.recorded, status: 'duplicate' });
    }
  }
  return found;
}

export function appendKey(actor: string, clientEventId: string): string {
  return `${actor}\n${clientEventId}`;
}

export async function insertEvents(tx: Queryable, events: readonly AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK);
    await tx.run(
      `INSERT INTO audit_event (${INSERT_COLUMNS}) VALUES ${chunk.map(() => `(${placeholders(12)})`).join(', ')}`,
      chunk.flatMap(eventValues),
    );
  }
  await insertPairs(
    tx,
    'audit_event_recipient (seq, recipient)',
    events.flatMap((e) => e.recipients.map((r): [number, string] => [e.seq, r])),
  );
  await insertPairs(
    tx,
    'audit_event_reason (seq, code)',
    events.flatMap((e) => e.reasonCodes.map((c): [number, string] => [e.seq, c])),
  );
}

async function insertPairs(tx: Queryable, table: string, pairs: ReadonlyArray<[number, string]>): Promise<void> {
  const chunkSize = IN_CHUNK / 2;
  for (let i = 0; i < pairs.length; i += chunkSize) {
    const chunk = pairs.slice(i, i + chunkSize);
    await tx.run(`INSERT INTO ${table} VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
  }
}

function eventValues(e: AuditEvent): SqlValue[] {
  const body: Body = {
    recipients: e.recipients,
    phiKinds: e.phiKinds,
    reasonCodes: e.reasonCodes,
    protection: e.protection,
    justification: e.justification,
    detail: e.detail,
  };
  return [
    e.seq,
    e.recorded,
    e.kind,
    e.prevHash,
    e.hash,
    e.clientEventId,
    e.time,
    e.actor,
    e.client,
    e.messageRef ?? null,
    e.action ?? null,
    JSON.stringify(body),
  ];
}

/**
 * The hashed record of a stored event, rebuilt from its columns exactly as it was written;
 * undefined for a tombstone. Throws on a row no append could have written.
 */
export function recordOf(row: EventRow): AuditRecord | undefined {
  if (row.purged_by !== null) return undefined;
  if (row.client_event_id === null || row.occurred === null || row.actor === null || row.client === null || row.body === null) {
    throw new TypeError('a live event lacks a required column');
  }
  const body = JSON.parse(row.body) as Partial<Body> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError('an event body is not an object');
  return {
    seq: Number(row.seq),
    recorded: row.recorded,
    clientEventId: row.client_event_id,
    time: row.occurred,
    kind: row.kind as AuditRecord['kind'],
    actor: row.actor,
    client: row.client as AuditRecord['client'],
    messageRef: row.message_ref ?? undefined,
    recipients: body.recipients ?? [],
    phiKinds: body.phiKinds ?? {},
    action: (row.action ?? undefined) as AuditRecord['action'],
    reasonCodes: body.reasonCodes ?? [],
    protection: body.protection,
    justification: body.justification,
    detail: body.detail,
  };
}

function eventOf(row: EventRow): AuditEvent | undefined {
  const record = recordOf(row);
  return record && { ...defined(record), prevHash: row.prev_hash, hash: row.hash };
}

/** A stored position of the chain: a live event, or a tombstone and the purge event that made it. */
export type StoredEvent = { readonly event: AuditEvent } | { readonly purgedBy: number };

export async function storedEvent(db: Queryable, seq: number): Promise<StoredEvent | undefined> {
  const [row] = await db.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE seq = ?`, [seq]);
  if (!row) return undefined;
  const event = eventOf(row);
  return event ? { event } : { purgedBy: Number(row.purged_by) };
}

/**
 * Each PHI kind an event `e` counted, as rows (key = kind, value = count) of a table-valued
 * function: SQLite's json_each, PostgreSQL's jsonb_each_text. The body is JSON text on both, so
 * no index covers it: a phiKind filter or sum parses the body of every row it considers.
 */
export const PHI_KIND_COUNTS: Record<Dialect, { readonly rows: string; readonly count: string }> = {
  sqlite: { rows: "json_each(e.body, '$.phiKinds')", count: 'k.value' },
  postgres: { rows: "jsonb_each_text(e.body::jsonb -> 'phiKinds')", count: 'k.value::bigint' },
};

/** Stored rows with seq in (afterSeq, throughSeq], tombstones included, in seq order. */
export async function chainRows(db: Queryable, afterSeq: number, throughSeq: number, limit: number): Promise<EventRow[]> {
  return db.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`, [
    afterSeq,
    throughSeq,
    limit,
  ]);
}

export async function hashAt(db: Queryable, seq: number): Promise<string | undefined> {
  const [row] = await db.all<{ hash: string }>('SELECT hash FROM audit_event WHERE seq = ?', [seq]);
  return row?.hash;
}

/** Live events matching a filter, one page, after (asc) or before (desc) a seq. */
export async function searchEvents(
  db: Queryable,
  dialect: Dialect,
  filter: AuditFilter,
  page: { order: 'asc' | 'desc'; afterSeq?: number; limit: number },
): Promise<AuditEvent[]> {
  const where = ['e.purged_by IS NULL'];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.from !== undefined) add('e.occurred >= ?', filter.from);
  if (filter.to !== undefined) add('e.occurred < ?', filter.to);
  if (filter.actor !== undefined) add('e.actor = ?', filter.actor);
  if (filter.kinds !== undefined && filter.kinds.length > 0) add(`e.kind IN (${placeholders(filter.kinds.length)})`, ...filter.kinds);
  if (filter.recipient !== undefined) {
    add('EXISTS (SELECT 1 FROM audit_event_recipient r WHERE r.seq = e.seq AND r.recipient = ?)', filter.recipient);
  }
  if (filter.reasonCode !== undefined) {
    add('EXISTS (SELECT 1 FROM audit_event_reason c WHERE c.seq = e.seq AND c.code = ?)', filter.reasonCode);
  }
  if (filter.client !== undefined) add('e.client = ?', filter.client);
  if (filter.phiKind !== undefined) add(`EXISTS (SELECT 1 FROM ${PHI_KIND_COUNTS[dialect].rows} k WHERE k.key = ?)`, filter.phiKind);
  if (page.afterSeq !== undefined) add(page.order === 'asc' ? 'e.seq > ?' : 'e.seq < ?', page.afterSeq);
  const rows = await db.all<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM audit_event e WHERE ${where.join(' AND ')} ORDER BY e.seq ${page.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`,
    [...params, page.limit],
  );
  return rows.map((row) => eventOf(row)!);
}

/** An `audit_event` row some active hold covers. */
const HELD = `EXISTS (SELECT 1 FROM audit_hold h WHERE h.released_at IS NULL
      AND (h.actor IS NULL OR h.actor = audit_event.actor)
      AND (h.recipient IS NULL OR EXISTS (SELECT 1 FROM audit_event_recipient r WHERE r.seq = audit_event.seq AND r.recipient = h.recipient))
      AND (h.time_from IS NULL OR audit_event.occurred >= h.time_from)
      AND (h.time_to IS NULL OR audit_event.occurred < h.time_to))`;

/**
 * Turns every event recorded before `cutoff` into a tombstone owned by purge event `purgeSeq`,
 * except purge-exempt kinds and events under an active hold (see retention.ts). Returns how many.
 */
export async function tombstoneDue(tx: Queryable, cutoff: string, purgeSeq: number): Promise<number> {
  const purged = await tx.run(
    `UPDATE audit_event SET purged_by = ?, client_event_id = NULL, occurred = NULL, actor = NULL, client = NULL,
        message_ref = NULL, action = NULL, body = NULL
      WHERE purged_by IS NULL AND recorded < ? AND kind NOT IN (${placeholders(PURGE_EXEMPT_KINDS.length)}) AND NOT ${HELD}`,
    [purgeSeq, cutoff, ...PURGE_EXEMPT_KINDS],
  );
  if (purged > 0) {
    for (const table of ['audit_event_recipient', 'audit_event_reason']) {
      await tx.run(`DELETE FROM ${table} WHERE seq IN (SELECT seq FROM audit_event WHERE purged_by = ?)`, [purgeSeq]);
    }
  }
  return purged;
}

/**
 * When the oldest event a purge could remove was recorded: live, not purge-exempt, under no active
 * hold. Reads the live events oldest first (index audit_event_live_recorded) and stops at the first.
 */
export async function oldestPurgeable(db: Queryable): Promise<string | undefined> {
  const [row] = await db.all<{ recorded: string }>(
    `SELECT recorded FROM audit_event
      WHERE purged_by IS NULL AND kind NOT IN (${placeholders(PURGE_EXEMPT_KINDS.length)}) AND NOT ${HELD}
      ORDER BY recorded LIMIT 1`,
    PURGE_EXEMPT_KINDS,
  );
  return row?.recorded;
}

export type CheckpointRow = {
  size: number;
  recorded: string;
  root: string;
  key_id: string;
  jws: string;
  note: string;
  frontier: string;
};

const CHECKPOINT_COLUMNS = 'size, recorded, root, key_id, jws, note, frontier';

/** Stores a checkpoint unless one of that size exists (another replica got there first). */
export async function insertCheckpoint(db: Queryable, row: CheckpointRow): Promise<void> {
  await db.run(`INSERT INTO audit_checkpoint (${CHECKPOINT_COLUMNS}) VALUES (${placeholders(7)}) ON CONFLICT (size) DO NOTHING`, [
    row.size,
    row.recorded,
    row.root,
    row.key_id,
    row.jws,
    row.note,
    row.frontier,
  ]);
}

export async function latestCheckpoint(db: Queryable): Promise<CheckpointRow | undefined> {
  const [row] = await db.all<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY size DESC LIMIT 1`);
  return row && { ...row, size: Number(row.size) };
}

export async function checkpointAt(db: Queryable, size: number): Promise<CheckpointRow | undefined> {
  const [row] = await db.all<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE size = ?`, [size]);
  return row && { ...row, size: Number(row.size) };
}

/** The first checkpoint signed over `seq`: the smallest whose size reaches it. */
export async function checkpointCovering(db: Queryable, seq: number): Promise<CheckpointRow | undefined> {
  const [row] = await db.all<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE size >= ? ORDER BY size LIMIT 1`, [seq]);
  return row && { ...row, size: Number(row.size) };
}

/** Checkpoints with size in (afterSize, throughSize], smallest first. */
export async function checkpointRows(db: Queryable, afterSize: number, throughSize: number, limit: number): Promise<CheckpointRow[]> {
  const rows = await db.all<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE size > ? AND size <= ? ORDER BY size LIMIT ?`,
    [afterSize, throughSize, limit],
  );
  return rows.map((row) => ({ ...row, size: Number(row.size) }));
}

type HoldRow = {
  id: string;
  actor: string | null;
  recipient: string | null;
  time_from: string | null;
  time_to: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
};

const HOLD_COLUMNS = 'id, actor, recipient, time_from, time_to, reason, placed_by, placed_at, released_by, released_at';

export async function insertHold(tx: Queryable, hold: Hold): Promise<void> {
  await tx.run(`INSERT INTO audit_hold (${HOLD_COLUMNS}) VALUES (${placeholders(10)})`, [
    hold.id,
    hold.actor ?? null,
    hold.recipient ?? null,
    hold.from ?? null,
    hold.to ?? null,
    hold.reason,
    hold.placedBy,
    hold.placedAt,
    null,
    null,
  ]);
}

/** Releases an active hold; false when there is no such active hold. */
export async function releaseHoldRow(tx: Queryable, id: string, by: string, at: string): Promise<boolean> {
  const changed = await tx.run('UPDATE audit_hold SET released_by = ?, released_at = ? WHERE id = ? AND released_at IS NULL', [
    by,
    at,
    id,
  ]);
  return changed === 1;
}

export async function activeHoldCount(db: Queryable): Promise<number> {
  const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM audit_hold WHERE released_at IS NULL');
  return Number(row?.n ?? 0);
}

export async function holdRows(db: Queryable, options: { id?: string; activeOnly?: boolean } = {}): Promise<Hold[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (options.id !== undefined) {
    where.push('id = ?');
    params.push(options.id);
  }
  if (options.activeOnly) where.push('released_at IS NULL');
  const rows = await db.all<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM audit_hold ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY placed_at, id`,
    params,
  );
  return rows.map((row) =>
    defined({
      id: row.id,
      actor: row.actor ?? undefined,
      recipient: row.recipient ?? undefined,
      from: row.time_from ?? undefined,
      to: row.time_to ?? undefined,
      reason: row.reason,
      placedBy: row.placed_by,
      placedAt: row.placed_at,
      releasedBy: row.released_by ?? undefined,
      releasedAt: row.released_at ?? undefined,
    }),
  );
}
