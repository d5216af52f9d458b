import { enqueue, readOutbox, withoutDelivered, type ClientAuditEvent, type Outbox } from '@phiguard/core';
import type { Host } from './host.js';
import { parseJson, tryStore } from './policy.js';
import type { GmailServiceClient } from './service-client.js';

export const OUTBOX_KEY = 'phiguardAuditOutbox';

/**
 * Queues the event in user properties and delivers what is queued. The queue's rules are the
 * core's: an outage loses nothing, a retry never duplicates. Never throws: the user's work goes on.
 */
export function recordEvent(host: Pick<Host, 'store'>, client: Pick<GmailServiceClient, 'appendAudit'>, event: ClientAuditEvent): void {
  save(host, enqueue(readOutbox(parseJson(host.store.get(OUTBOX_KEY))), event));
  const queued = readOutbox(parseJson(host.store.get(OUTBOX_KEY)));
  if (queued.events.length === 0) return;
  try {
    save(host, withoutDelivered(queued, client.appendAudit(queued.events)));
  } catch {
    // Still queued: delivered with the next event.
  }
}

/** A property holds 9 KB: past that the oldest events give way, counted as dropped like the core's bound. */
function save(host: Pick<Host, 'store'>, outbox: Outbox): void {
  let current = outbox;
  while (!tryStore(host, OUTBOX_KEY, JSON.stringify(current)) && current.events.length > 0) {
    current = { events: current.events.slice(1), dropped: current.dropped + 1 };
  }
}
