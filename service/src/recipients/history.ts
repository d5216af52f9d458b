import { normalizeActor } from '../audit/actor.js';
import { MAX_RECIPIENTS, type AuditKind } from '../audit/schema.js';
import { placeholders, type Queryable } from '../store/store.js';

/** Audit events that mean a message went out: what "has written to" counts (history, known correspondents). */
export const SENT_EVENT_KINDS = ['send_allowed', 'override', 'protection_applied'] as const satisfies readonly AuditKind[];

/**
 * How many earlier sends by `sender` reached each address (keyed as given; 0 for none), for the
 * first-time external recipient warning. One query over the recipient index; purged events no
 * longer count. Takes at most MAX_RECIPIENTS addresses.
 */
export async function previousSends(db: Queryable, sender: string, addresses: readonly string[]): Promise<Map<string, number>> {
  if (addresses.length > MAX_RECIPIENTS) throw new RangeError(`previousSends takes at most ${MAX_RECIPIENTS} addresses`);
  const wanted = [...new Set(addresses.map((address) => address.toLowerCase()))];
  const rows =
    wanted.length === 0
      ? []
      : await db.all<{ recipient: string; sends: number }>(
          // CROSS JOIN makes SQLite start from the recipient index (PostgreSQL plans it as a join): a
          // new recipient then costs nothing, where a busy sender's every event would otherwise be read.
          `SELECT r.recipient, COUNT(*) AS sends
           FROM audit_event_recipient r CROSS JOIN audit_event e
           WHERE e.seq = r.seq AND r.recipient IN (${placeholders(wanted.length)})
             AND e.actor = ? AND e.kind IN (${placeholders(SENT_EVENT_KINDS.length)})
           GROUP BY r.recipient`,
          [...wanted, normalizeActor(sender), ...SENT_EVENT_KINDS],
        );
  const sends = new Map(rows.map((row) => [row.recipient, Number(row.sends)]));
  return new Map(addresses.map((address) => [address, sends.get(address.toLowerCase()) ?? 0]));
}
