import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { normalizeActor } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { AddressSchema } from '../audit/schema.js';
import { placeholders, type Queryable, type SqlValue, type Store } from '../store/store.js';
import { KeyError } from './errors.js';
import type { ParsedOpenPgpKey } from './openpgp.js';
import { assertUsable, KEY_TYPES, parseKey, type KeyType, type ParsedKey } from './parsed-key.js';
import type { ParsedSmimeCertificate } from './smime.js';

export const MAX_KEY_LIST_LIMIT = 1000;
/** How long a parsed key is reused before its stored data is parsed again. */
const PARSED_KEY_REUSE_MS = 60 * 60 * 1000;

export const KeyTypeSchema = z.enum(KEY_TYPES);
export const KeySourceSchema = z.enum(['admin_upload', 'harvested']);
export type KeySource = z.infer<typeof KeySourceSchema>;

/** A key or certificate on file, without its data. */
export const RecipientKeySchema = z
  .object({
    keyType: KeyTypeSchema,
    /** OpenPGP: primary key fingerprint; S/MIME: SHA-256 of the certificate. Upper-case hex. */
    fingerprint: z.string(),
    /** Sorted. */
    addresses: z.array(z.string()),
    /** When it expires; null when it never does. */
    notAfter: z.string().nullable(),
    source: KeySourceSchema,
    addedBy: z.string(),
    addedAt: z.string(),
  })
  .meta({ id: 'RecipientKey' });
export type RecipientKey = z.infer<typeof RecipientKeySchema>;

export interface AddKeyInput {
  readonly keyType: KeyType;
  /** Armored key or PEM certificate (binary/DER are accepted too; stored as armor/PEM). */
  readonly data: string | Uint8Array;
  readonly source: KeySource;
}

export interface KeyListQuery {
  readonly address?: string;
  readonly keyType?: KeyType;
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** The keys usable at a time for one address, newest first. */
export interface KeysForAddress {
  readonly openpgp: ParsedOpenPgpKey[];
  readonly smime: ParsedSmimeCertificate[];
}

export interface KeyRegistryOptions {
  readonly store: Store;
  /** Records key_added / key_removed in the same transaction as the change. */
  readonly auditLog: AuditLog;
  readonly now?: () => Date;
}

interface KeyRow {
  [column: string]: SqlValue;
  key_type: string;
  fingerprint: string;
  not_after: string | null;
  source: string;
  added_by: string;
  added_at: string;
}

const KEY_COLUMNS = 'k.key_type, k.fingerprint, k.not_after, k.source, k.added_by, k.added_at';
const CursorSchema = z.tuple([z.string(), KeyTypeSchema, z.string()]);

/**
 * The organisation's OpenPGP keys and S/MIME certificates for recipients (tables recipient_key and
 * recipient_key_address). Only keys usable when added are stored; validity is re-checked on use.
 */
export class KeyRegistry {
  private readonly store: Store;
  private readonly auditLog: AuditLog;
  private readonly now: () => Date;
  private readonly parsed = new LRUCache<string, { at: number; key: ParsedKey | undefined }>({ max: 10_000 });

  constructor(options: KeyRegistryOptions) {
    this.store = options.store;
    this.auditLog = options.auditLog;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Parses, checks and stores a key (KeyError when unreadable, private, without an address, or
   * unusable now). The same fingerprint again changes nothing and returns the record on file.
   */
  async add(by: string, input: AddKeyInput): Promise<{ key: RecipientKey; created: boolean }> {
    const now = this.now();
    const parsed = await parseKey(input.keyType, input.data, now);
    const addresses = parsed.addresses.filter((address) => AddressSchema.safeParse(address).success).sort();
    if (addresses.length === 0) throw new KeyError('no_address', 'the key names no email address');
    assertUsable(parsed);

    const key: RecipientKey = {
      keyType: parsed.keyType,
      fingerprint: parsed.fingerprint,
      addresses,
      notAfter: parsed.keyType === 'openpgp' ? parsed.expires : parsed.notAfter,
      source: input.source,
      addedBy: normalizeActor(by),
      addedAt: now.toISOString(),
    };
    return this.auditLog.changeWithAudit(by, async (tx, record) => {
      const existing = await readKey(tx, key.keyType, key.fingerprint);
      if (existing) return { key: existing, created: false };
      await tx.run(
        'INSERT INTO recipient_key (key_type, fingerprint, data, not_after, source, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [key.keyType, key.fingerprint, storedText(parsed), key.notAfter, key.source, key.addedBy, key.addedAt],
      );
      await tx.run(
        `INSERT INTO recipient_key_address (key_type, fingerprint, address) VALUES ${addresses.map(() => '(?, ?, ?)').join(', ')}`,
        addresses.flatMap((address) => [key.keyType, key.fingerprint, address]),
      );
      record('key_added', { keyType: key.keyType, fingerprint: key.fingerprint }, addresses);
      return { key, created: true };
    });
  }

  /** Keys on file, newest first, a page at a time. */
  async list(query: KeyListQuery = {}): Promise<{ keys: RecipientKey[]; nextCursor?: string }> {
    const limit = Math.min(Math.max(1, query.limit ?? 100), MAX_KEY_LIST_LIMIT);
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.keyType !== undefined) {
      where.push('k.key_type = ?');
      params.push(query.keyType);
    }
    if (query.address !== undefined) {
      where.push('EXISTS (SELECT 1 FROM recipient_key_address a WHERE a.key_type = k.key_type AND a.fingerprint = k.fingerprint AND a.address = ?)');
      params.push(query.address.toLowerCase());
    }
    if (query.cursor !== undefined) {
      where.push('(k.added_at, k.key_type, k.fingerprint) < (?, ?, ?)');
      params.push(...decodeCursor(query.cursor));
    }
    const rows = await this.store.all<KeyRow>(
      `SELECT ${KEY_COLUMNS} FROM recipient_key k ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY k.added_at DESC, k.key_type DESC, k.fingerprint DESC LIMIT ?`,
      [...params, limit],
    );
    const keys = await withAddresses(this.store, rows);
    const last = keys.at(-1);
    return keys.length === limit && last ? { keys, nextCursor: encodeCursor(last) } : { keys };
  }

  /** Removes a key and its addresses (KeyError `not_found` when absent); recorded as key_removed. */
  async remove(by: string, keyType: KeyType, fingerprint: string): Promise<RecipientKey> {
    const normalized = fingerprint.toUpperCase();
    return this.auditLog.changeWithAudit(by, async (tx, record) => {
      const existing = await readKey(tx, keyType, normalized);
      if (!existing) throw new KeyError('not_found', 'no such key on file');
      await tx.run('DELETE FROM recipient_key_address WHERE key_type = ? AND fingerprint = ?', [keyType, normalized]);
      await tx.run('DELETE FROM recipient_key WHERE key_type = ? AND fingerprint = ?', [keyType, normalized]);
      record('key_removed', { keyType, fingerprint: normalized }, existing.addresses);
      return existing;
    });
  }

  /**
   * The keys usable at `now` for each address (keyed as given), newest first, in one query. Parsed
   * keys are reused for up to an hour: stored data never changes, only whether `now` is inside its
   * validity, which is re-checked on every call.
   */
  async forAddresses(addresses: readonly string[], now: Date = this.now()): Promise<Map<string, KeysForAddress>> {
    const wanted = [...new Set(addresses.map((address) => address.toLowerCase()))];
    const rows =
      wanted.length === 0
        ? []
        : await this.store.all<{ address: string; key_type: string; fingerprint: string; data: string }>(
            `SELECT a.address, k.key_type, k.fingerprint, k.data FROM recipient_key k
             JOIN recipient_key_address a ON a.key_type = k.key_type AND a.fingerprint = k.fingerprint
             WHERE a.address IN (${placeholders(wanted.length)}) ORDER BY k.added_at DESC, k.fingerprint DESC`,
            wanted,
          );
    const found = new Map<string, { openpgp: ParsedOpenPgpKey[]; smime: ParsedSmimeCertificate[] }>();
    for (const row of rows) {
      const key = await this.parsedAt(row.key_type as KeyType, row.fingerprint, row.data, now);
      if (!key || !usableAt(key, now)) continue;
      const keys = found.get(row.address) ?? { openpgp: [], smime: [] };
      if (key.keyType === 'openpgp') keys.openpgp.push(key);
      else keys.smime.push(key);
      found.set(row.address, keys);
    }
    return new Map(addresses.map((address) => [address, found.get(address.toLowerCase()) ?? { openpgp: [], smime: [] }]));
  }

  private async parsedAt(keyType: KeyType, fingerprint: string, data: string, now: Date): Promise<ParsedKey | undefined> {
    const id = `${keyType}:${fingerprint}`;
    const cached = this.parsed.get(id);
    if (cached && Math.abs(now.getTime() - cached.at) < PARSED_KEY_REUSE_MS) return cached.key;
    // A stored key that no longer parses (e.g. a stricter library) is unusable, not an outage.
    const key = await parseKey(keyType, data, now).catch(() => undefined);
    this.parsed.set(id, { at: now.getTime(), key });
    return key;
  }
}

/** Usable when parsed and still inside its validity at `now`. */
function usableAt(key: ParsedKey, now: Date): boolean {
  const end = key.keyType === 'openpgp' ? key.expires : key.notAfter;
  return key.usableForEncryption && (end === null || now.getTime() < Date.parse(end));
}

function storedText(key: ParsedKey): string {
  return key.keyType === 'openpgp' ? key.armored : key.pem;
}

async function readKey(q: Queryable, keyType: KeyType, fingerprint: string): Promise<RecipientKey | undefined> {
  const rows = await q.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM recipient_key k WHERE k.key_type = ? AND k.fingerprint = ?`, [keyType, fingerprint]);
  return (await withAddresses(q, rows))[0];
}

async function withAddresses(q: Queryable, rows: readonly KeyRow[]): Promise<RecipientKey[]> {
  if (rows.length === 0) return [];
  const fingerprints = [...new Set(rows.map((row) => row.fingerprint))];
  const addressRows = await q.all<{ key_type: string; fingerprint: string; address: string }>(
    `SELECT key_type, fingerprint, address FROM recipient_key_address WHERE fingerprint IN (${placeholders(fingerprints.length)})`,
    fingerprints,
  );
  return rows.map((row) => ({
    keyType: row.key_type as KeyType,
    fingerprint: row.fingerprint,
    addresses: addressRows.filter((a) => a.key_type === row.key_type && a.fingerprint === row.fingerprint).map((a) => a.address)
      .sort(),
    notAfter: row.not_after,
    source: row.source as KeySource,
    addedBy: row.added_by,
    addedAt: row.added_at,
  }));
}

function encodeCursor(key: RecipientKey): string {
  return Buffer.from(JSON.stringify([key.addedAt, key.keyType, key.fingerprint])).toString('base64url');
}

/** KeyError `invalid_cursor` for a cursor this registry never handed out. */
function decodeCursor(cursor: string): [string, KeyType, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    value = undefined;
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success) throw new KeyError('invalid_cursor', 'the cursor is not valid');
  return parsed.data;
}
