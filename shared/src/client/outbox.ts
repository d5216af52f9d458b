import type { ClientAuditEvent } from './answers.js';

/**
 * Audit events waiting for the service, as a host keeps them (Outlook roaming settings, Apps Script
 * user properties). Every event is queued first and leaves only once the service confirms its id,
 * so an outage loses nothing and a retry never duplicates (the service ignores an id it has).
 */
export interface Outbox {
  readonly events: readonly ClientAuditEvent[];
  /** Events that gave way to newer ones when the queue was full: a loss on record, not silent. */
  readonly dropped: number;
}

/** Hosts keep the queue in small settings stores (Outlook: 32 KB in all), so it is bounded. */
export const MAX_QUEUED_EVENTS = 50;

/** The queue from whatever the host stored (nothing, or something unreadable, is an empty queue). */
export function readOutbox(value: unknown): Outbox {
  const stored = value as Partial<Outbox> | undefined;
  return {
    events: Array.isArray(stored?.events) ? stored.events : [],
    dropped: typeof stored?.dropped === 'number' ? stored.dropped : 0,
  };
}

/** The queue with the event added; past the bound the oldest events give way and are counted. */
export function enqueue(outbox: Outbox, event: ClientAuditEvent): Outbox {
  const all = [...outbox.events, event];
  const over = Math.max(0, all.length - MAX_QUEUED_EVENTS);
  return { events: all.slice(over), dropped: outbox.dropped + over };
}

/** The queue without the events the service confirmed it stored. */
export function withoutDelivered(outbox: Outbox, storedIds: Iterable<string>): Outbox {
  const stored = new Set(storedIds);
  return { events: outbox.events.filter((e) => !stored.has(e.clientEventId)), dropped: outbox.dropped };
}
