import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { normalizeActor, SERVICE_ACTOR } from '../audit/actor.js';
import type { AuditLog, ScanSummary } from '../audit/audit-log.js';
import type { PortalEventKind } from '../audit/schema.js';
import { placeholders, type Queryable, type SqlValue, type Store } from '../store/store.js';
import { openWithDek, seal, sealWithDek, unwrapDek, type KekSource } from './envelope.js';
import {
  PortalContentSchema,
  PortalError,
  type PortalContent,
  type PortalMessageInfo,
  type PortalRecipientStatus,
  type PortalReply,
  type PortalState,
} from './model.js';

export const DEFAULT_MESSAGE_PAGE = 50;
export const MAX_MESSAGE_PAGE = 200;
/** Longest reply, in characters. */
export const MAX_REPLY_LENGTH = 100_000;
/** Messages per sweep transaction, so a backlog never holds the write lock long. */
const SWEEP_BATCH = 100;
const DAY_MS = 86_400_000;

export interface PortalMessagesOptions {
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly keyring: KekSource;
  readonly now?: () => Date;
}

export interface CreatedPortalMessage {
  readonly info: PortalMessageInfo;
  /** The secret in the recipients' link; only its SHA-256 is stored, so it is returned once. */
  readonly linkToken: string;
}

export interface PortalMessagePage {
  /** Newest first. */
  readonly messages: PortalMessageInfo[];
  readonly nextCursor?: string;
}

export interface SweepResult {
  /** Messages whose expiry was recorded (and DEK shredded) by this sweep. */
  readonly expired: number;
  /** Messages whose content and replies this sweep deleted. */
  readonly deleted: number;
}

/**
 * Secure-portal messages: content sealed under a per-message key, never readable in the
 * database, and every step audited in the same transaction. A message is active until it
 * expires (by the clock, even before a sweep records it) or is recalled; recall and expiry shred
 * its key at once, and a sweep deletes the ciphertext after a grace period.
 */
export interface PortalMessages {
  /** Seals and stores a message for `recipients`; audited `portal_created` with the scan summary. */
  create(sender: string, content: PortalContent, recipients: readonly string[], expiresAt: Date, scan: ScanSummary): Promise<CreatedPortalMessage>;
  byLinkToken(token: string): Promise<PortalMessageInfo | undefined>;
  info(id: string): Promise<PortalMessageInfo | undefined>;
  listBySender(sender: string, page?: { limit?: number; cursor?: string }): Promise<PortalMessagePage>;
  /** The content; PortalError `not_found`, `expired`, `recalled` or `deleted` when it can't be opened. */
  open(id: string): Promise<PortalContent>;
  /** A reply by the sender or a recipient (else `not_a_recipient`), sealed under the message's key; audited `portal_replied`. */
  addReply(id: string, author: string, text: string): Promise<PortalReply>;
  /** Oldest first, decrypted; only while the message is active. */
  replies(id: string): Promise<PortalReply[]>;
  /** Shreds the message key at once; audited `portal_recalled`. */
  recall(id: string, by: string): Promise<PortalMessageInfo>;
  /** PortalError `expiry_out_of_range` unless after now and not after `maxExpiresAt`; audited `portal_expiry_changed`. */
  setExpiry(id: string, expiresAt: Date, by: string, maxExpiresAt: Date): Promise<PortalMessageInfo>;
  /** The sender mailed the pickup notice to every recipient; audited `portal_notice_sent`. */
  markNoticeSent(id: string, by: string): Promise<PortalMessageInfo>;
  /** A recipient opened the message; audited `portal_opened` with the recipient as actor. */
  recordOpened(id: string, address: string): Promise<void>;
  /** A recipient downloaded attachment `index`; audited `portal_downloaded`. */
  recordDownload(id: string, address: string, index: number): Promise<void>;
  /** Records expiries (key shredded) and deletes content past expiry or recall plus the grace days; one event per message and step. */
  sweep(retentionGraceDays: number): Promise<SweepResult>;
}

/** A message without its sealed parts: enough for its status. */
interface MessageRow {
  [column: string]: SqlValue;
  id: string;
  sender: string;
  created_at: string;
  expires_at: string;
  recalled_at: string | null;
  deleted_at: string | null;
}

interface KeyedRow extends MessageRow {
  dek_wrapped: string | null;
}

interface SealedRow extends KeyedRow {
  content: string | null;
}

interface RecipientRow {
  [column: string]: SqlValue;
  message_id: string;
  address: string;
  notice_sent_at: string | null;
  failed_total: number;
  locked_until: string | null;
  first_opened_at: string | null;
  last_opened_at: string | null;
}

interface ReplyRow {
  [column: string]: SqlValue;
  id: string;
  author: string;
  created_at: string;
  content: string | null;
}

const MESSAGE_COLUMNS = 'id, sender, created_at, expires_at, recalled_at, deleted_at';
const RECIPIENT_COLUMNS = 'message_id, address, notice_sent_at, failed_total, locked_until, first_opened_at, last_opened_at';
/** Newest first; ids break ties within a millisecond. */
const NEWEST_FIRST = 'created_at DESC, id DESC';

export function createPortalMessages(options: PortalMessagesOptions): PortalMessages {
  const { store, auditLog, keyring } = options;
  const now = options.now ?? (() => new Date());

  /** The message's content key, when it may be read now. */
  const activeDek = async (row: KeyedRow, at: Date): Promise<Uint8Array> => {
    assertActive(row, at);
    // An active message always has its key; a row without one was shredded.
    if (row.dek_wrapped === null) throw new PortalError('deleted', 'the message key is gone');
    return unwrapDek(row.dek_wrapped, keyring);
  };

  const info = async (id: string): Promise<PortalMessageInfo | undefined> => {
    const [row] = await store.all<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM portal_message WHERE id = ?`, [id]);
    return row && (await infosOf(store, [row], now()))[0];
  };

  /** Runs a change to an active message, audited as `by` with every recipient; returns the message's info after it. */
  const change = async (
    id: string,
    by: string,
    fn: (tx: Queryable, at: string, record: (kind: PortalEventKind, extra?: { expiresAt?: string }) => void) => Promise<void>,
  ): Promise<PortalMessageInfo> => {
    const at = now();
    await auditLog.changeWithAudit(by, async (tx, record) => {
      assertActive(await messageRow(tx, id), at);
      const recipients = (await recipientRows(tx, [id])).map((r) => r.address);
      await fn(tx, at.toISOString(), (kind, extra = {}) => record(kind, { messageId: id, ...extra }, recipients));
    });
    return (await info(id))!;
  };

  /** A recipient's step on an active message, audited with the recipient as actor (PortalError `not_a_recipient` for others). */
  const recipientStep = async (
    id: string,
    address: string,
    kind: PortalEventKind,
    detail: { attachment?: number },
    fn?: (tx: Queryable, recipient: string, at: string) => Promise<unknown>,
  ): Promise<void> => {
    const recipient = address.toLowerCase();
    const at = now();
    await auditLog.changeWithAudit(recipient, async (tx, record) => {
      assertActive(await messageRow(tx, id), at);
      const [known] = await tx.all('SELECT address FROM portal_recipient WHERE message_id = ? AND address = ?', [id, recipient]);
      if (known === undefined) throw new PortalError('not_a_recipient', 'the address is not a recipient of the message');
      await fn?.(tx, recipient, at.toISOString());
      record(kind, { messageId: id, ...detail }, [recipient]);
    });
  };

  return {
    async create(sender, content, recipients, expiresAt, scan) {
      const at = now();
      const addresses = [...new Set(recipients.map((r) => r.toLowerCase()))];
      if (addresses.length === 0) throw new RangeError('a portal message needs a recipient');
      if (expiresAt.getTime() <= at.getTime()) throw new PortalError('expiry_out_of_range', 'the expiry is in the past');
      const plaintext = new TextEncoder().encode(JSON.stringify(content));
      const sealed = await seal(plaintext, keyring);
      const id = randomUUID();
      const linkToken = randomBytes(32).toString('base64url');
      const from = normalizeActor(sender);
      await auditLog.changeWithAudit(from, async (tx, record) => {
        await tx.run(
          `INSERT INTO portal_message (id, link_hash, sender, created_at, expires_at, kek_id, dek_wrapped, content, size_bytes) VALUES (${placeholders(9)})`,
          [id, linkHash(linkToken), from, at.toISOString(), expiresAt.toISOString(), sealed.kid, sealed.dekWrapped, sealed.jwe, plaintext.byteLength],
        );
        await tx.run(
          `INSERT INTO portal_recipient (message_id, address) VALUES ${addresses.map(() => '(?, ?)').join(', ')}`,
          addresses.flatMap((address) => [id, address]),
        );
        record('portal_created', { messageId: id }, addresses, scan);
      });
      return { info: (await info(id))!, linkToken };
    },

    async byLinkToken(token) {
      const [row] = await store.all<{ id: string }>('SELECT id FROM portal_message WHERE link_hash = ?', [linkHash(token)]);
      return row && info(row.id);
    },

    info,

    async listBySender(sender, page = {}) {
      const limit = Math.min(Math.max(1, page.limit ?? DEFAULT_MESSAGE_PAGE), MAX_MESSAGE_PAGE);
      const params: SqlValue[] = [normalizeActor(sender)];
      let after = '';
      if (page.cursor !== undefined) {
        const position = decodeCursor(page.cursor);
        after = 'AND (created_at < ? OR (created_at = ? AND id < ?))';
        params.push(position.createdAt, position.createdAt, position.id);
      }
      const rows = await store.all<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM portal_message WHERE sender = ? ${after} ORDER BY ${NEWEST_FIRST} LIMIT ?`,
        [...params, limit],
      );
      const messages = await infosOf(store, rows, now());
      const last = rows.at(-1);
      return rows.length === limit && last ? { messages, nextCursor: encodeCursor(last) } : { messages };
    },

    async open(id) {
      const row = await sealedRow(store, id);
      const dek = await activeDek(row, now());
      const plaintext = await openWithDek(row.content!, dek);
      return PortalContentSchema.parse(JSON.parse(new TextDecoder().decode(plaintext)));
    },

    async addReply(id, author, text) {
      if (text.length > MAX_REPLY_LENGTH) throw new PortalError('too_large', 'the reply is too long');
      const by = normalizeActor(author);
      const at = now();
      const row = await keyedRow(store, id);
      const dek = await activeDek(row, at);
      const content = await sealWithDek(new TextEncoder().encode(text), dek);
      const reply: PortalReply = { id: randomUUID(), author: by, createdAt: at.toISOString(), text };
      await auditLog.changeWithAudit(by, async (tx, record) => {
        assertActive(await messageRow(tx, id), at);
        const recipients = (await recipientRows(tx, [id])).map((r) => r.address);
        if (by !== row.sender && !recipients.includes(by)) throw new PortalError('not_a_recipient', 'only the sender and the recipients may reply');
        await tx.run('INSERT INTO portal_reply (id, message_id, author, created_at, content) VALUES (?, ?, ?, ?, ?)', [
          reply.id,
          id,
          by,
          reply.createdAt,
          content,
        ]);
        record('portal_replied', { messageId: id }, recipients);
      });
      return reply;
    },

    async replies(id) {
      const dek = await activeDek(await keyedRow(store, id), now());
      const rows = await store.all<ReplyRow>('SELECT id, author, created_at, content FROM portal_reply WHERE message_id = ? ORDER BY created_at, id', [id]);
      return Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          author: row.author,
          createdAt: row.created_at,
          text: new TextDecoder().decode(await openWithDek(row.content!, dek)),
        })),
      );
    },

    recall(id, by) {
      return change(id, by, async (tx, at, record) => {
        await tx.run('UPDATE portal_message SET dek_wrapped = NULL, recalled_at = ?, recalled_by = ? WHERE id = ?', [at, normalizeActor(by), id]);
        record('portal_recalled');
      });
    },

    setExpiry(id, expiresAt, by, maxExpiresAt) {
      return change(id, by, async (tx, at, record) => {
        if (expiresAt.getTime() <= Date.parse(at) || expiresAt.getTime() > maxExpiresAt.getTime()) {
          throw new PortalError('expiry_out_of_range', 'the expiry must be after now and within the policy maximum');
        }
        const iso = expiresAt.toISOString();
        await tx.run('UPDATE portal_message SET expires_at = ? WHERE id = ?', [iso, id]);
        record('portal_expiry_changed', { expiresAt: iso });
      });
    },

    markNoticeSent(id, by) {
      return change(id, by, async (tx, at, record) => {
        await tx.run('UPDATE portal_recipient SET notice_sent_at = ? WHERE message_id = ?', [at, id]);
        record('portal_notice_sent');
      });
    },

    recordOpened(id, address) {
      return recipientStep(id, address, 'portal_opened', {}, (tx, recipient, at) =>
        tx.run('UPDATE portal_recipient SET first_opened_at = COALESCE(first_opened_at, ?), last_opened_at = ? WHERE message_id = ? AND address = ?', [
          at,
          at,
          id,
          recipient,
        ]),
      );
    },

    async recordDownload(id, address, index) {
      if (!Number.isInteger(index) || index < 0) throw new RangeError('an attachment index is a non-negative integer');
      await recipientStep(id, address, 'portal_downloaded', { attachment: index });
    },

    async sweep(retentionGraceDays) {
      const at = now();
      const iso = at.toISOString();
      const cutoff = new Date(at.getTime() - retentionGraceDays * DAY_MS).toISOString();
      const expired = await sweepInBatches(auditLog, {
        select: 'expires_at <= ? AND expired_recorded_at IS NULL AND recalled_at IS NULL AND deleted_at IS NULL',
        params: [iso],
        update: async (tx, ids) => {
          await tx.run(`UPDATE portal_message SET dek_wrapped = NULL, expired_recorded_at = ? WHERE id IN (${placeholders(ids.length)})`, [iso, ...ids]);
        },
        kind: 'portal_expired',
      });
      const deleted = await sweepInBatches(auditLog, {
        select: 'deleted_at IS NULL AND (expires_at <= ? OR recalled_at <= ?)',
        params: [cutoff, cutoff],
        update: async (tx, ids) => {
          const list = placeholders(ids.length);
          await tx.run(`UPDATE portal_message SET dek_wrapped = NULL, content = NULL, deleted_at = ? WHERE id IN (${list})`, [iso, ...ids]);
          await tx.run(`UPDATE portal_reply SET content = NULL WHERE message_id IN (${list})`, ids);
        },
        kind: 'portal_deleted',
      });
      return { expired, deleted };
    },
  };
}

/** Applies one sweep step to every matching message, a batch per transaction, one event per message. */
async function sweepInBatches(
  auditLog: AuditLog,
  step: { select: string; params: readonly SqlValue[]; update: (tx: Queryable, ids: string[]) => Promise<void>; kind: 'portal_expired' | 'portal_deleted' },
): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await auditLog.changeWithAudit(SERVICE_ACTOR, async (tx, record) => {
      const rows = await tx.all<{ id: string }>(`SELECT id FROM portal_message WHERE ${step.select} ORDER BY id LIMIT ?`, [...step.params, SWEEP_BATCH]);
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return 0;
      await step.update(tx, ids);
      const recipients = await recipientRows(tx, ids);
      for (const id of ids) {
        record(
          step.kind,
          { messageId: id },
          recipients.filter((r) => r.message_id === id).map((r) => r.address),
        );
      }
      return ids.length;
    });
    total += count;
    if (count < SWEEP_BATCH) return total;
  }
}

/** Deleted, recalled and expired win in that order; expiry counts from the clock, not from the sweep. */
function stateOf(row: Pick<MessageRow, 'deleted_at' | 'recalled_at' | 'expires_at'>, at: Date): PortalState {
  if (row.deleted_at !== null) return 'deleted';
  if (row.recalled_at !== null) return 'recalled';
  if (row.expires_at <= at.toISOString()) return 'expired';
  return 'active';
}

function assertActive(row: MessageRow, at: Date): void {
  const state = stateOf(row, at);
  if (state !== 'active') throw new PortalError(state, `the message is ${state}`);
}

const messageRow = (db: Queryable, id: string) => findMessage<MessageRow>(db, id, MESSAGE_COLUMNS);
const keyedRow = (db: Queryable, id: string) => findMessage<KeyedRow>(db, id, `${MESSAGE_COLUMNS}, dek_wrapped`);
/** With the ciphertext too, which only opening needs (it can be megabytes). */
const sealedRow = (db: Queryable, id: string) => findMessage<SealedRow>(db, id, `${MESSAGE_COLUMNS}, dek_wrapped, content`);

async function findMessage<T extends MessageRow>(db: Queryable, id: string, columns: string): Promise<T> {
  const [row] = await db.all<T>(`SELECT ${columns} FROM portal_message WHERE id = ?`, [id]);
  if (row === undefined) throw new PortalError('not_found', 'no portal message with that id');
  return row;
}

async function recipientRows(db: Queryable, ids: readonly string[]): Promise<RecipientRow[]> {
  if (ids.length === 0) return [];
  return db.all<RecipientRow>(`SELECT ${RECIPIENT_COLUMNS} FROM portal_recipient WHERE message_id IN (${placeholders(ids.length)}) ORDER BY address`, ids);
}

/** Infos for rows, with their recipients and reply counts in two queries. */
async function infosOf(db: Queryable, rows: readonly MessageRow[], at: Date): Promise<PortalMessageInfo[]> {
  const ids = rows.map((row) => row.id);
  const recipients = await recipientRows(db, ids);
  const counts =
    ids.length === 0
      ? []
      : await db.all<{ message_id: string; n: number }>(
          `SELECT message_id, COUNT(*) AS n FROM portal_reply WHERE message_id IN (${placeholders(ids.length)}) GROUP BY message_id`,
          ids,
        );
  const replies = new Map(counts.map((c) => [c.message_id, Number(c.n)]));
  return rows.map((row) => ({
    id: row.id,
    sender: row.sender,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: stateOf(row, at),
    ...(row.recalled_at === null ? {} : { recalledAt: row.recalled_at }),
    recipients: recipients.filter((r) => r.message_id === row.id).map(toRecipientStatus),
    replies: replies.get(row.id) ?? 0,
  }));
}

function toRecipientStatus(row: RecipientRow): PortalRecipientStatus {
  return {
    address: row.address,
    ...(row.notice_sent_at === null ? {} : { noticeSentAt: row.notice_sent_at }),
    failedAttempts: Number(row.failed_total),
    ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
    ...(row.first_opened_at === null ? {} : { firstOpenedAt: row.first_opened_at }),
    ...(row.last_opened_at === null ? {} : { lastOpenedAt: row.last_opened_at }),
  };
}

/** Stored instead of the link token, so the database alone can't open a link. */
export function linkHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function encodeCursor(row: MessageRow): string {
  return Buffer.from(`${row.created_at} ${row.id}`).toString('base64url');
}

/** PortalError `invalid_cursor` for a cursor this module never handed out. */
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) ([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new PortalError('invalid_cursor', 'the cursor is not valid');
  return { createdAt: match[1]!, id: match[2]! };
}
