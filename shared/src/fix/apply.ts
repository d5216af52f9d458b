import type { Draft } from '../draft.js';
import { addDisclaimer, hasDisclaimer } from './disclaimer.js';
import type { Fix } from './fix.js';
import { maskValue } from './mask.js';

type MaskFix = Extract<Fix, { type: 'mask' }>;

/** A fix ready to show: masks carry their replacement text (computed here, never stored in a Decision). */
export type ResolvedFix = Exclude<Fix, MaskFix> | (MaskFix & { replacement: string });

/**
 * The fixes that would still change this draft, each with its concrete edit. Drops fixes already
 * applied (disclaimer present, subject already neutral) and masks that no longer fit the text.
 */
export function resolveFixes(draft: Draft, fixes: readonly Fix[]): ResolvedFix[] {
  const out: ResolvedFix[] = [];
  for (const fix of fixes) {
    switch (fix.type) {
      case 'neutral_subject':
        if ((draft.subject ?? '') !== fix.subject) out.push(fix);
        break;
      case 'add_disclaimer':
        if (!hasDisclaimer(draft.body ?? '', fix.text)) out.push(fix);
        break;
      case 'mask': {
        const text = draft[fix.field] ?? '';
        if (fix.end > text.length || fix.start >= fix.end) break;
        const value = text.slice(fix.start, fix.end);
        const replacement = maskValue(value, fix.style);
        if (replacement !== value) out.push({ ...fix, replacement });
        break;
      }
      default:
        out.push(fix);
    }
  }
  return out;
}

/**
 * The draft with the text fixes applied (masks, neutral subject, disclaimer). Recipient and
 * protection fixes are host actions and are ignored here.
 */
export function applyFixes(draft: Draft, fixes: readonly Fix[]): Draft {
  const resolved = resolveFixes(draft, fixes);
  const masks = resolved.filter((f): f is MaskFix & { replacement: string } => f.type === 'mask');
  let subject = applyMasks(draft.subject ?? '', masks.filter((m) => m.field === 'subject'));
  let body = applyMasks(draft.body ?? '', masks.filter((m) => m.field === 'body'));
  for (const fix of resolved) {
    if (fix.type === 'neutral_subject') subject = fix.subject;
    if (fix.type === 'add_disclaimer') body = addDisclaimer(body, fix.text);
  }
  return { ...draft, subject, body };
}

// From the end backwards so earlier offsets stay valid; an overlapping mask is skipped.
function applyMasks(text: string, masks: readonly (MaskFix & { replacement: string })[]): string {
  let out = text;
  let limit = Infinity;
  for (const m of [...masks].sort((a, b) => b.start - a.start || b.end - a.end)) {
    if (m.end > limit) continue;
    out = out.slice(0, m.start) + m.replacement + out.slice(m.end);
    limit = m.start;
  }
  return out;
}
