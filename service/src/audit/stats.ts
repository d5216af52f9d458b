import { z } from 'zod';
import { ActionSchema, KindSchema, ReasonCodeSchema } from '@phiguard/core';
import { placeholders, type Dialect, type Queryable } from '../store/store.js';
import { PHI_KIND_COUNTS } from './repository.js';
import type { AuditKind } from './schema.js';

export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 400;
const TOP = 10;
const DAY_MS = 86_400_000;

/**
 * One per send attempt, its `action` the decision: Outlook's on-send check records exactly one of
 * these, Gmail's compose check a warning_shown for anything but allow. Overrides and protection
 * events repeat a decision already counted, so reasons and PHI kinds are counted on these only.
 */
export const DECISION_KINDS = ['send_allowed', 'warning_shown', 'send_blocked'] as const satisfies readonly AuditKind[];
const COUNTED_KINDS = [
  'send_blocked',
  'override',
  'portal_created',
  'portal_opened',
  'portal_downloaded',
  'portal_locked',
  'portal_passcode_failed',
] as const satisfies readonly AuditKind[];
const PICKUP_KINDS = ['portal_opened', 'portal_downloaded'] as const satisfies readonly AuditKind[];

/** The portal message a portal event is about (PortalDetailSchema). */
const MESSAGE_ID: Record<Dialect, string> = {
  sqlite: "json_extract(e.body, '$.detail.messageId')",
  postgres: "e.body::jsonb -> 'detail' ->> 'messageId'",
};

const count = z.number().int().nonnegative();

export const StatsDaySchema = z.object({
  /** UTC date. */
  day: z.string().meta({ example: '2026-03-01' }),
  allow: count,
  warn: count,
  encrypt: count,
  block: count,
});
export type StatsDay = z.infer<typeof StatsDaySchema>;

export const AuditStatsSchema = z
  .object({
    /** Event time, inclusive. */
    from: z.string(),
    /** Event time, exclusive. */
    to: z.string(),
    /** Send decisions by action, one entry per UTC day of the range, days without events included. */
    days: z.array(StatsDaySchema),
    /** send_blocked events. */
    blocked: count,
    /** override events. */
    overridden: count,
    /** Reason codes of send decisions, most frequent first (at most 10). */
    topReasons: z.array(z.object({ code: ReasonCodeSchema, count })),
    /** PHI findings of send decisions by kind, summed over their counts, most first (at most 10). */
    topPhiKinds: z.array(z.object({ kind: KindSchema, count })),
    portal: z.object({
      created: count,
      /** Message pages shown (portal_opened), repeat views included. */
      opened: count,
      /** Attachments downloaded (portal_downloaded). */
      downloads: count,
      /** Distinct (message, recipient) pairs that opened the message or downloaded from it. */
      pickups: count,
      /** Recipients locked out after too many wrong passcodes (portal_locked). */
      lockouts: count,
      passcodeFailures: count,
    }),
  })
  .meta({ id: 'AuditStats' });
export type AuditStats = z.infer<typeof AuditStatsSchema>;

export interface StatsRange {
  /** Inclusive, ISO 8601 UTC. */
  readonly from: string;
  /** Exclusive. */
  readonly to: string;
}

export type StatsRangeResult =
  | { readonly ok: true; readonly range: StatsRange }
  /** `range_reversed`: `to` is not after `from`; `range_too_long`: more than MAX_STATS_DAYS. */
  | { readonly ok: false; readonly code: 'range_reversed' | 'range_too_long' };

/**
 * The range a stats request covers: `to` defaults to the end of today (UTC), `from` to
 * DEFAULT_STATS_DAYS before `to`.
 */
export function statsRange(query: { from?: string; to?: string }, now: Date): StatsRangeResult {
  const to = query.to === undefined ? Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS : Date.parse(query.to);
  const from = query.from === undefined ? to - DEFAULT_STATS_DAYS * DAY_MS : Date.parse(query.from);
  if (to <= from) return { ok: false, code: 'range_reversed' };
  if (to - from > MAX_STATS_DAYS * DAY_MS) return { ok: false, code: 'range_too_long' };
  return { ok: true, range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
}

/**
 * The console's figures for events whose time is in the range, by SQL aggregates: each query
 * returns at most a row per day and action, event kind, reason code or PHI kind, so memory does
 * not grow with the events counted. The database reads each decision event in the range (index
 * audit_event_kind_occurred) and parses its body for the PHI kinds, the costliest part: about
 * 0.4 s for a year of 85k decisions on either store. Tombstones have no time, so purged events
 * never count.
 */
export async function auditStats(db: Queryable, dialect: Dialect, range: StatsRange): Promise<AuditStats> {
  const inRange = 'e.occurred >= ? AND e.occurred < ?';
  const decisions = `e.kind IN (${placeholders(DECISION_KINDS.length)}) AND ${inRange}`;
  const decisionParams = [...DECISION_KINDS, range.from, range.to];
  const phi = PHI_KIND_COUNTS[dialect];
  const [byDay, byKind, reasons, phiKinds, pickups] = await Promise.all([
    db.all<{ day: string; action: string | null; n: number }>(
      `SELECT substr(e.occurred, 1, 10) AS day, e.action, count(*) AS n FROM audit_event e
        WHERE ${decisions} GROUP BY substr(e.occurred, 1, 10), e.action`,
      decisionParams,
    ),
    db.all<{ kind: string; n: number }>(
      `SELECT e.kind, count(*) AS n FROM audit_event e WHERE e.kind IN (${placeholders(COUNTED_KINDS.length)}) AND ${inRange} GROUP BY e.kind`,
      [...COUNTED_KINDS, range.from, range.to],
    ),
    db.all<{ code: string; n: number }>(
      `SELECT c.code, count(*) AS n FROM audit_event e JOIN audit_event_reason c ON c.seq = e.seq
        WHERE ${decisions} GROUP BY c.code`,
      decisionParams,
    ),
    db.all<{ kind: string; n: number | string }>(
      `SELECT k.key AS kind, sum(${phi.count}) AS n FROM audit_event e, ${phi.rows} k
        WHERE ${decisions} GROUP BY k.key`,
      decisionParams,
    ),
    db.all<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT DISTINCT e.actor, ${MESSAGE_ID[dialect]} AS message FROM audit_event e
        WHERE e.kind IN (${placeholders(PICKUP_KINDS.length)}) AND ${inRange}) p`,
      [...PICKUP_KINDS, range.from, range.to],
    ),
  ]);

  const days = new Map(utcDays(range).map((day): [string, StatsDay] => [day, { day, allow: 0, warn: 0, encrypt: 0, block: 0 }]));
  for (const row of byDay) {
    const day = days.get(row.day);
    const action = ActionSchema.safeParse(row.action);
    if (day && action.success) day[action.data] += Number(row.n);
  }
  const kinds = new Map(byKind.map((row) => [row.kind, Number(row.n)]));
  const of = (kind: (typeof COUNTED_KINDS)[number]) => kinds.get(kind) ?? 0;
  return {
    from: range.from,
    to: range.to,
    days: [...days.values()],
    blocked: of('send_blocked'),
    overridden: of('override'),
    topReasons: top(reasons.map((row) => ({ code: row.code as AuditStats['topReasons'][number]['code'], count: Number(row.n) })), 'code'),
    // PostgreSQL's sum of bigint is numeric, which pg returns as text.
    topPhiKinds: top(phiKinds.map((row) => ({ kind: row.kind as AuditStats['topPhiKinds'][number]['kind'], count: Number(row.n) })), 'kind'),
    portal: {
      created: of('portal_created'),
      opened: of('portal_opened'),
      downloads: of('portal_downloaded'),
      pickups: Number(pickups[0]?.n ?? 0),
      lockouts: of('portal_locked'),
      passcodeFailures: of('portal_passcode_failed'),
    },
  };
}

/**
 * The TOP largest counts, ties by name. Sorted here, not in SQL: PostgreSQL orders text by the
 * database's locale and SQLite by bytes. There is a row per reason code or PHI kind at most.
 */
function top<K extends string, T extends { readonly count: number } & Record<K, string>>(rows: T[], key: K): T[] {
  return rows.sort((a, b) => b.count - a.count || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0)).slice(0, TOP);
}

/** Every UTC date the range touches, `YYYY-MM-DD`, oldest first. */
function utcDays(range: StatsRange): string[] {
  const days: string[] = [];
  const last = Date.parse(range.to) - 1;
  for (let day = Math.floor(Date.parse(range.from) / DAY_MS) * DAY_MS; day <= last; day += DAY_MS) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}
