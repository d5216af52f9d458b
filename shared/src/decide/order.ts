import type { Field, Finding } from '../detect/finding.js';
import type { FindingRef } from './reasons.js';

const FIELD_RANK: Record<Field, number> = { subject: 0, body: 1, attachment: 2 };

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order on findings, so a decision never depends on the order a scanner reported them. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    FIELD_RANK[a.field] - FIELD_RANK[b.field] ||
    (a.attachment ?? -1) - (b.attachment ?? -1) ||
    a.start - b.start ||
    a.end - b.end ||
    compareText(a.kind, b.kind) ||
    compareText(a.recognizer, b.recognizer) ||
    a.score - b.score
  );
}

/** References to sorted findings, one per distinct span and kind. */
export function toRefs(sorted: readonly Finding[]): FindingRef[] {
  const seen = new Set<string>();
  const out: FindingRef[] = [];
  for (const f of sorted) {
    const ref: FindingRef = {
      field: f.field,
      ...(f.attachment === undefined ? {} : { attachment: f.attachment }),
      start: f.start,
      end: f.end,
      kind: f.kind,
    };
    const key = JSON.stringify(ref);
    if (!seen.has(key)) out.push(ref);
    seen.add(key);
  }
  return out;
}

export function uniqueSorted<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort(compareText);
}
