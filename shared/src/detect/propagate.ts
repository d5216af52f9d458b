import type { Field, Finding } from './finding.js';
import { inSpans, type Span } from './layout.js';
import { tokenIndexAt, type Token } from './text.js';

/** One scanned field, as name propagation needs it. */
export interface FieldScan {
  readonly field: Field;
  readonly attachment?: number;
  readonly text: string;
  readonly tokens: readonly Token[];
  /** The writer's own lines in this field: nothing there is a patient's. */
  readonly hidden: readonly Span[];
  readonly findings: readonly Finding[];
}

const NAME_WORD = /^\p{Lu}[\p{L}'’-]{2,}$/u;

/**
 * A name found in one field names its person in the others: "Oyelaran" alone in the subject is
 * the "Adebayo Oyelaran (MRN …)" of the body, even when no list or anchor would catch it there.
 */
export function propagateNames(fields: readonly FieldScan[]): Finding[][] {
  // Within one field the name recognizer repeats names itself; this carries them across fields.
  const wordsOf = fields.map((f) => {
    const words = new Set<string>();
    for (const n of f.findings) {
      if (n.kind !== 'NAME') continue;
      for (let i = tokenIndexAt(f.tokens, n.start); i < f.tokens.length && f.tokens[i]!.start < n.end; i++) {
        const t = f.tokens[i]!;
        if (t.start >= n.start && t.end <= n.end && NAME_WORD.test(t.text)) words.add(t.text);
      }
    }
    return words;
  });
  return fields.map((f, i) => {
    const words = new Set(wordsOf.flatMap((w, j) => (j === i ? [] : [...w])));
    if (words.size === 0) return [];
    const added: Finding[] = [];
    const taken = f.findings.filter((x) => x.category === 'identifier');
    for (const t of f.tokens) {
      if (!words.has(t.text) || inSpans(f.hidden, t.start, t.end)) continue;
      if (taken.some((x) => x.start < t.end && t.start < x.end)) continue;
      added.push({
        field: f.field,
        ...(f.attachment === undefined ? {} : { attachment: f.attachment }),
        start: t.start,
        end: t.end,
        kind: 'NAME',
        category: 'identifier',
        score: 0.6,
        recognizer: 'PERSON_NAME',
        why: 'the same name is found elsewhere in the draft',
      });
    }
    return added;
  });
}
