import type { AuditKind } from './schema.js';

/** 45 CFR 164.316(b)(2)(i): six years; 2192 days covers any two leap days. */
export const DEFAULT_RETENTION_DAYS = 6 * 365 + 2;

/**
 * The record of retention itself is kept: purges and hold changes carry no message data, and
 * verification needs each purge event to account for the events it purged.
 */
export const PURGE_EXEMPT_KINDS: readonly AuditKind[] = ['purge', 'hold_placed', 'hold_released'];

/*
 * How purging keeps the log verifiable. Legal holds make the purged set non-contiguous, so a
 * single "purged up to seq N" boundary cannot describe it. Instead a purged event becomes a
 * tombstone: it keeps seq, recorded, kind, prev_hash and hash, and loses everything else
 * (actor, recipients, message ref, body, idempotency key) plus its search-index rows. Then:
 *  - the hash chain still links every seq from 1, so deleting or inserting events stays visible;
 *  - every Merkle leaf (the event hash) survives, so every old checkpoint still recomputes;
 *  - a tombstone's own content can no longer be re-hashed, so each names the purge event that
 *    made it (`purged_by`). That event is hashed like any other and records the cutoff and how
 *    many events it purged; verify checks that count and that each tombstone was recorded before
 *    the cutoff, so blanking an event outside a recorded purge is detected.
 */
