import type { Kind } from './kinds.js';
import { definePatternRecognizer, type Recognizer } from './recognizer.js';

// An id value: letters, digits and single joiners, with at least two digits.
const ID_VALUE = String.raw`(?=[A-Za-z0-9_-]{0,23}\d[A-Za-z_-]*\d)[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){0,4}`;
// What may stand between a label and its value: "#", "no.", "number", ":", "is" and spaces.
const JOIN = String.raw`(?:\s{0,3}(?:#|no\.?|num(?:ber)?|nbr))?\s{0,3}[:.=]?\s{0,3}(?:(?:is|was)\s{1,3})?#?\s{0,2}`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, String.raw`\s+`);

export interface LabelledIdSpec {
  readonly id: string;
  readonly kind: Kind;
  /** Labels that name this kind of number ("MRN", "member ID"); matched case-insensitively. */
  readonly labels: readonly string[];
  readonly priority?: number;
  readonly score?: number;
  /** Value shape when narrower than a generic id. */
  readonly value?: string;
  readonly validate?: (value: string) => boolean;
  readonly why: string;
}

/** MRNs, member, account and claim numbers have no national format: a label in front is the evidence. */
export function defineLabelledIdRecognizer(spec: LabelledIdSpec): Recognizer {
  const labels = [...spec.labels].sort((a, b) => b.length - a.length).map(escape).join('|');
  const value = spec.value ?? ID_VALUE;
  return definePatternRecognizer({
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 20,
    patterns: [
      {
        name: 'labelled',
        regex: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${labels})(?![\p{L}\p{N}])${JOIN}(?<v>${value})(?![\p{L}\p{N}]|-\d)`, 'iu'),
        score: spec.score ?? 0.75,
      },
    ],
    ...(spec.validate ? { validate: spec.validate } : {}),
    why: spec.why,
  });
}
