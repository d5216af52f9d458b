import type { Candidate } from './recognizer.js';

export interface Ranked extends Candidate {
  readonly priority: number;
}

/**
 * Keeps one candidate per overlapping group: higher priority first (an NPI is not a phone
 * number), then higher score, then the longer span. Groups are separate per `group` key, so an
 * identifier never hides a health term. Kept spans are disjoint and sorted, so each check is a
 * binary search.
 */
export function resolveOverlaps<T extends Ranked>(candidates: readonly T[], group: (c: T) => string): T[] {
  const ranked = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept = new Map<string, T[]>();
  for (const c of ranked) {
    const key = group(c);
    let list = kept.get(key);
    if (!list) kept.set(key, (list = []));
    // First kept span ending after c starts; disjoint sorted spans have increasing ends.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const next = list[lo];
    if (next && next.start < c.end) continue;
    list.splice(lo, 0, c);
  }
  // Each group's spans are already in order; only several groups need sorting together.
  const lists = [...kept.values()];
  return lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a.start - b.start || a.end - b.end);
}
