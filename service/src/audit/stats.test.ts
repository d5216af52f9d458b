import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { KindSchema, REASON_CODES } from '@phiguard/core';
import { storeTargets, targetTitle } from '../store/testing.js';
import type { PortalEventKind } from './schema.js';
import { MAX_STATS_DAYS, statsRange } from './stats.js';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from './testing.js';

const ALICE = 'alice@example.org';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const START = '2025-01-01T00:00:00.000Z';
/** `START` plus `ms`. */
const after = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

describe('the stats range', () => {
  it.each([
    ['nothing: the 30 days ending tonight (UTC)', {}, { from: '2026-01-31T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }],
    ['only from: up to tonight', { from: '2026-02-20T00:00:00Z' }, { from: '2026-02-20T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }],
    ['only to: the 30 days before it', { to: '2026-02-01T00:00:00Z' }, { from: '2026-01-02T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }],
    [
      'an offset: kept as the same instant in UTC',
      { from: '2026-02-01T00:00:00+02:00', to: '2026-02-02T00:00:00+02:00' },
      { from: '2026-01-31T22:00:00.000Z', to: '2026-02-01T22:00:00.000Z' },
    ],
    [`exactly ${MAX_STATS_DAYS} days`, { from: START, to: after(MAX_STATS_DAYS * DAY_MS) }, { from: START, to: after(MAX_STATS_DAYS * DAY_MS) }],
  ])('accepts %s', (_name, query, range) => {
    expect(statsRange(query, NOW)).toEqual({ ok: true, range });
  });

  it.each([
    ['to before from', { from: '2026-02-02T00:00:00Z', to: '2026-02-01T00:00:00Z' }, 'range_reversed'],
    ['an empty range', { from: '2026-02-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, 'range_reversed'],
    ['from after tonight, with to defaulted', { from: '2026-03-05T00:00:00Z' }, 'range_reversed'],
    [`${MAX_STATS_DAYS} days and a millisecond`, { from: START, to: after(MAX_STATS_DAYS * DAY_MS + 1) }, 'range_too_long'],
    ['a from long ago, with to defaulted', { from: '2024-01-01T00:00:00Z' }, 'range_too_long'],
  ])('refuses %s', (_name, query, code) => {
    expect(statsRange(query, NOW)).toEqual({ ok: false, code });
  });
});

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit stats'), () => {
    let t: TestAuditLog;
    beforeEach(async () => {
      t = await openTestAuditLog(target, { retentionDays: 30 });
    });
    afterEach(async () => t.dispose());

    /** Five UTC days, 24 to 28 February 2026. */
    const RANGE = { from: '2026-02-24T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
    let n = 0;
    const at = (time: string, overrides: Parameters<typeof sampleEvent>[1]) => sampleEvent(`e-${++n}`, { time, ...overrides });
    const portal = (kind: PortalEventKind, by: string, messageId: string) =>
      t.log.changeWithAudit(by, async (_tx, record) => record(kind, { messageId }, [by]));

    it('counts send decisions by action per UTC day, zero days included, and the top reasons and PHI kinds of those decisions', async () => {
      await t.log.appendBatch(ALICE, [
        at('2026-02-23T23:59:59.999Z', { kind: 'send_blocked', action: 'block', phiKinds: { SSN: 1000 } }),
        at('2026-02-24T10:00:00Z', { kind: 'send_allowed', action: 'allow', phiKinds: {}, reasonCodes: [] }),
        at('2026-02-24T11:00:00Z', { kind: 'warning_shown', action: 'warn', phiKinds: { SSN: 2, NAME: 1 }, reasonCodes: ['phi_unprotected', 'first_time_recipient'] }),
        at('2026-02-24T23:59:59.999Z', { kind: 'send_blocked', action: 'block', phiKinds: { SSN: 1 }, reasonCodes: ['phi_unprotected'] }),
        at('2026-02-26T00:00:00Z', { kind: 'send_blocked', action: 'encrypt', phiKinds: { MRN: 5 }, reasonCodes: ['phi_unprotected'] }),
        // An override and a scan repeat a decision or precede it: neither is a decision.
        at('2026-02-26T09:00:00Z', { kind: 'override', action: 'warn', phiKinds: { SSN: 100 }, reasonCodes: ['lookalike_domain'], justification: 'Asked by the patient.' }),
        at('2026-02-26T09:00:00Z', { kind: 'scan', action: 'block', phiKinds: { SSN: 50 }, reasonCodes: ['lookalike_domain'] }),
        at('2026-02-28T23:00:00+00:00', { kind: 'send_allowed', action: 'allow', phiKinds: { NAME: 3 }, reasonCodes: [] }),
        at('2026-03-01T00:00:00Z', { kind: 'send_blocked', action: 'block', phiKinds: { SSN: 1000 } }),
      ]);
      const stats = await t.log.stats(RANGE);
      expect(stats).toMatchObject({
        ...RANGE,
        days: [
          { day: '2026-02-24', allow: 1, warn: 1, encrypt: 0, block: 1 },
          { day: '2026-02-25', allow: 0, warn: 0, encrypt: 0, block: 0 },
          { day: '2026-02-26', allow: 0, warn: 0, encrypt: 1, block: 0 },
          { day: '2026-02-27', allow: 0, warn: 0, encrypt: 0, block: 0 },
          { day: '2026-02-28', allow: 1, warn: 0, encrypt: 0, block: 0 },
        ],
        blocked: 2,
        overridden: 1,
        topReasons: [
          { code: 'phi_unprotected', count: 3 },
          { code: 'first_time_recipient', count: 1 },
        ],
        topPhiKinds: [
          { kind: 'MRN', count: 5 },
          { kind: 'NAME', count: 4 },
          { kind: 'SSN', count: 3 },
        ],
      });
    });

    it('a range that starts mid-day has a bucket for each UTC day it touches', async () => {
      await t.log.appendBatch(ALICE, [
        at('2026-02-24T11:00:00Z', { kind: 'send_blocked', action: 'block' }),
        at('2026-02-24T13:00:00Z', { kind: 'send_allowed', action: 'allow' }),
        at('2026-02-25T18:00:00Z', { kind: 'send_blocked', action: 'block' }),
      ]);
      const stats = await t.log.stats({ from: '2026-02-24T12:00:00.000Z', to: '2026-02-25T12:00:00.000Z' });
      expect(stats.days).toEqual([
        { day: '2026-02-24', allow: 1, warn: 0, encrypt: 0, block: 0 },
        { day: '2026-02-25', allow: 0, warn: 0, encrypt: 0, block: 0 },
      ]);
    });

    it('keeps the ten most frequent reasons and PHI kinds, ties in code order', async () => {
      const kinds = KindSchema.options.slice(0, 12);
      const codes = REASON_CODES.slice(0, 11);
      // Event j has the first 11 - j reason codes and the first 12 - j kinds: code i appears 11 - i times.
      await t.log.appendBatch(
        ALICE,
        kinds.map((_, j) =>
          at('2026-02-25T10:00:00Z', {
            kind: 'warning_shown',
            action: 'warn',
            reasonCodes: codes.slice(0, Math.max(0, codes.length - j)),
            phiKinds: Object.fromEntries(kinds.slice(0, kinds.length - j).map((kind) => [kind, 1])),
          }),
        ),
      );
      // One more of the eleventh code (no_common_protection) ties it with the tenth (no_protection_method): it sorts first.
      await t.log.append(ALICE, at('2026-02-25T10:00:00Z', { kind: 'send_blocked', action: 'block', phiKinds: {}, reasonCodes: [codes[10]!] }));
      const stats = await t.log.stats(RANGE);
      expect(stats.topReasons).toEqual([
        ...codes.slice(0, 9).map((code, i) => ({ code, count: 11 - i })),
        { code: 'no_common_protection', count: 2 },
      ]);
      expect(stats.topPhiKinds).toEqual(kinds.slice(0, 10).map((kind, i) => ({ kind, count: 12 - i })));
    });

    it('counts portal messages created, opened, downloaded and picked up, lockouts and wrong passcodes', async () => {
      t.clock.set('2026-02-27T09:00:00.000Z');
      await portal('portal_created', 'sender@example.org', 'm-1');
      await portal('portal_opened', 'carol@partner.org', 'm-1');
      await portal('portal_opened', 'carol@partner.org', 'm-1');
      await portal('portal_opened', 'dan@partner.org', 'm-1');
      await portal('portal_downloaded', 'carol@partner.org', 'm-1');
      // A download without a page view is a pickup too (the link can be opened directly once signed in).
      await portal('portal_downloaded', 'erin@partner.org', 'm-2');
      for (let i = 0; i < 3; i++) await portal('portal_passcode_failed', 'mallory@partner.org', 'm-1');
      await portal('portal_locked', 'mallory@partner.org', 'm-1');
      t.clock.set('2026-03-01T09:00:00.000Z');
      await portal('portal_opened', 'frank@partner.org', 'm-1');
      const stats = await t.log.stats(RANGE);
      expect(stats.portal).toEqual({ created: 1, opened: 3, downloads: 2, pickups: 3, lockouts: 1, passcodeFailures: 3 });
    });

    it('an empty log has zero days and nothing else', async () => {
      expect(await t.log.stats({ from: '2026-02-28T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' })).toEqual({
        from: '2026-02-28T00:00:00.000Z',
        to: '2026-03-01T00:00:00.000Z',
        days: [{ day: '2026-02-28', allow: 0, warn: 0, encrypt: 0, block: 0 }],
        blocked: 0,
        overridden: 0,
        topReasons: [],
        topPhiKinds: [],
        portal: { created: 0, opened: 0, downloads: 0, pickups: 0, lockouts: 0, passcodeFailures: 0 },
      });
    });

    it('events purged under retention no longer count', async () => {
      await t.log.append(ALICE, at('2026-02-25T10:00:00Z', { kind: 'send_blocked', action: 'block' }));
      expect((await t.log.stats(RANGE)).blocked).toBe(1);
      t.clock.advanceDays(31);
      expect(await t.log.purge()).toMatchObject({ purged: 1 });
      const stats = await t.log.stats(RANGE);
      expect(stats).toMatchObject({ blocked: 0, topReasons: [], topPhiKinds: [] });
      expect(stats.days.every((day) => day.block === 0)).toBe(true);
    });
  });
}
