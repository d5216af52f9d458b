import { describe, expect, it } from '@jest/globals';
import type { ClientAuditEvent } from './answers.js';
import { enqueue, MAX_QUEUED_EVENTS, readOutbox, withoutDelivered } from './outbox.js';

const event = (id: string): ClientAuditEvent => ({
  clientEventId: id,
  time: '2026-11-26T09:00:00.000Z',
  kind: 'warning_shown',
  client: 'gmail',
  recipients: ['dr.lee@outside.example'],
  phiKinds: { SSN: 1 },
  reasonCodes: ['phi_external_unencrypted'],
});

describe('audit outbox', () => {
  it('reads nothing or an unreadable value as an empty queue', () => {
    expect(readOutbox(undefined)).toEqual({ events: [], dropped: 0 });
    expect(readOutbox({ events: 'x', dropped: 'y' })).toEqual({ events: [], dropped: 0 });
  });

  it('keeps events in order until the service confirms them', () => {
    const queued = enqueue(enqueue(readOutbox(undefined), event('a')), event('b'));
    expect(queued.events.map((e) => e.clientEventId)).toEqual(['a', 'b']);
    expect(withoutDelivered(queued, ['a']).events.map((e) => e.clientEventId)).toEqual(['b']);
  });

  it('past the bound, the oldest events give way and the loss is counted', () => {
    let outbox = readOutbox(undefined);
    for (let i = 0; i < MAX_QUEUED_EVENTS + 3; i++) outbox = enqueue(outbox, event(`e${i}`));
    expect(outbox.events).toHaveLength(MAX_QUEUED_EVENTS);
    expect(outbox.events[0]!.clientEventId).toBe('e3');
    expect(outbox.dropped).toBe(3);
    expect(withoutDelivered(outbox, ['e3']).dropped).toBe(3);
  });
});
