import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { AuditRecord } from './schema.js';

/** Version of the hashed encoding; a new encoding gets a new number. */
export const EVENT_HASH_VERSION = 1;

/**
 * An event's chain hash: SHA-256 (hex) of the canonical JSON (RFC 8785) of every stored field,
 * the previous event's hash and the encoding version. Covering `seq` and `prev` makes edits,
 * reordering and removal visible; the hash is also the event's Merkle leaf.
 */
export function eventHash(record: AuditRecord, prevHash: string): string {
  const encoded = canonicalJson({ ...record, prev: prevHash, v: EVENT_HASH_VERSION });
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}
