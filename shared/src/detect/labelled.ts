import type { Kind } from './kinds.js';
import type { Candidate, Recognizer } from './recognizer.js';
import { phraseWords, type Token } from './text.js';

// An id value: letters, digits and single joiners, 4+ characters with at least two digits.
const ID_VALUE = String.raw`(?=[A-Za-z0-9_-]{4})(?=[A-Za-z0-9_-]{0,23}\d[A-Za-z_-]*\d)[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){0,4}`;
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

// The first words of every labelled recognizer's labels: one lookup per token finds, once per field,
// every place where some label may start (a one-entry cache, like the health phrase index).
const allFirstWords = new Set<string>();
let lastTokens: readonly Token[] | undefined;
let lastStarts: readonly number[] = [];

/** Indices of the tokens where some label may start. */
function labelStarts(tokens: readonly Token[]): readonly number[] {
  if (tokens === lastTokens) return lastStarts;
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (allFirstWords.has(tokens[i]!.lower)) starts.push(i);
  lastTokens = tokens;
  lastStarts = starts;
  return starts;
}

/**
 * MRNs, member, account and claim numbers have no national format: a label in front is the
 * evidence. The regex is tried only where a label's first word stands, so text without labels
 * costs one Set lookup per word for all labelled recognizers together.
 */
export function defineLabelledIdRecognizer(spec: LabelledIdSpec): Recognizer {
  const labels = [...spec.labels].sort((a, b) => b.length - a.length).map(escape).join('|');
  const firstWords = new Set(spec.labels.map((l) => phraseWords(l)[0]!));
  for (const w of firstWords) allFirstWords.add(w);
  lastTokens = undefined;
  const value = spec.value ?? ID_VALUE;
  const regex = new RegExp(String.raw`(?:${labels})(?![A-Za-z0-9])${JOIN}(${value})(?![A-Za-z0-9%]|-\d)`, 'iyd');
  const score = spec.score ?? 0.75;
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 20,
    context: [],
    find({ text, tokens }) {
      const out: Candidate[] = [];
      for (const i of labelStarts(tokens)) {
        const t = tokens[i]!;
        if (!firstWords.has(t.lower)) continue;
        regex.lastIndex = t.start;
        const m = regex.exec(text);
        if (!m) continue;
        const [start, end] = m.indices![1]!;
        if (spec.validate && !spec.validate(text.slice(start, end))) continue;
        out.push({ start, end, kind: spec.kind, score, recognizer: spec.id, why: spec.why });
      }
      return out;
    },
  };
}

