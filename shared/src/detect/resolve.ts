import type { Candidate } from './recognizer.js';

export interface Ranked extends Candidate {
  readonly priority: number;
}

/**
 * Keeps one candidate per overlapping group of the same category: higher priority first
 * (an NPI is not a phone number), then higher score, then the longer span.
 */
export function resolveOverlaps<T extends Ranked>(candidates: readonly T[], sameGroup: (a: T, b: T) => boolean): T[] {
  const ranked = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: T[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => sameGroup(k, c) && k.start < c.end && c.start < k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
