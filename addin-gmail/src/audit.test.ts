import { describe, expect, it } from '@jest/globals';
import { readOutbox, type ClientAuditEvent } from '@phiguard/core';
import { OUTBOX_KEY, recordEvent } from './audit.js';
import type { UserStore } from './host.js';

const event = (id: string): ClientAuditEvent => ({
  clientEventId: id,
  time: '2026-11-26T09:00:00.000Z',
  kind: 'warning_shown',
  client: 'gmail',
  recipients: ['dr.patel@elsewhere.example'],
  phiKinds: { SSN: 1 },
  reasonCodes: ['phi_unprotected'],
});

function store(limit = 9 * 1024): UserStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (key) => map.get(key) ?? null,
    set: (key, value) => {
      if (value.length > limit) throw new Error('Argument too large');
      map.set(key, value);
    },
  };
}
const queued = (s: ReturnType<typeof store>) => readOutbox(JSON.parse(s.map.get(OUTBOX_KEY) ?? '{}'));

describe('Gmail audit events', () => {
  it('are delivered at once when the service answers, and leave the queue', () => {
    const s = store();
    const delivered: string[] = [];
    recordEvent({ store: s }, { appendAudit: (events) => events.map((e) => (delivered.push(e.clientEventId), e.clientEventId)) }, event('a'));
    expect(delivered).toEqual(['a']);
    expect(queued(s).events).toEqual([]);
  });

  it('wait in user properties while the service is down, and go with the next event', () => {
    const s = store();
    const down = { appendAudit: (): string[] => { throw new Error('down'); } };
    recordEvent({ store: s }, down, event('a'));
    expect(queued(s).events.map((e) => e.clientEventId)).toEqual(['a']);
    const sent: string[][] = [];
    recordEvent({ store: s }, { appendAudit: (events) => (sent.push(events.map((e) => e.clientEventId)), events.map((e) => e.clientEventId)) }, event('b'));
    expect(sent).toEqual([['a', 'b']]);
    expect(queued(s).events).toEqual([]);
  });

  it('past what one property holds, the oldest give way and are counted as dropped', () => {
    const s = store(2000);
    const down = { appendAudit: (): string[] => { throw new Error('down'); } };
    for (let i = 0; i < 12; i++) recordEvent({ store: s }, down, event(`e${i}`));
    const q = queued(s);
    expect(q.events.length).toBeGreaterThan(0);
    expect(q.events.length + q.dropped).toBe(12);
    expect(q.events.at(-1)!.clientEventId).toBe('e11');
    expect(s.map.get(OUTBOX_KEY)!.length).toBeLessThanOrEqual(2000);
  });
});
