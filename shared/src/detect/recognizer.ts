import type { Field } from './finding.js';
import type { Kind } from './kinds.js';
import type { Layout } from './layout.js';
import type { Token } from './text.js';

/** What every recognizer sees: one field's text, split once by the pipeline. */
export interface RecognizerInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** The lower-cased words of the text, for recognizers that only run when a label word is present. */
  readonly words: ReadonlySet<string>;
  readonly field: Field;
  readonly layout: Layout;
}

export interface Candidate {
  start: number;
  end: number;
  kind: Kind;
  score: number;
  recognizer: string;
  why: string;
  /** Claims the span but is not patient PHI (a prescriber's NPI, "Dr. Lee"): wins overlaps, never shown. */
  notPhi?: boolean;
}

export interface Recognizer {
  /** UPPER_SNAKE id, e.g. US_SSN; shown in findings and audit rows. */
  readonly id: string;
  readonly kind: Kind;
  /** On overlap the higher priority wins: specific (NPI) beats generic (phone). */
  readonly priority: number;
  /** Words or phrases that raise a match's score when they stand just before (or after) it. */
  readonly context: readonly string[];
  find(input: RecognizerInput): Candidate[];
}

export interface Pattern {
  readonly name: string;
  /** Linear-time regex. A named group `v` marks the value inside a larger match. */
  readonly regex: RegExp;
  readonly score: number;
}

export interface PatternRecognizerSpec {
  readonly id: string;
  readonly kind: Kind;
  readonly priority?: number;
  readonly patterns: readonly Pattern[];
  readonly context?: readonly string[];
  /** A cheap test the text must pass before any pattern runs ("@" for email addresses). */
  readonly trigger?: RegExp;
  /** Checksum or range rule on the value; false drops the match. */
  readonly validate?: (value: string) => boolean;
  /** The kind identifies providers or the organisation, not patients (NPI, DEA). */
  readonly notPhi?: boolean;
  readonly why: string;
}

/** A recognizer that is only data: patterns with base scores, context words and a validator. */
export function definePatternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  // exec with lastIndex, not matchAll (which clones the regex per call); indices only when needed.
  const patterns = spec.patterns.map((p) => {
    const hasValue = p.regex.source.includes('(?<v>');
    return { ...p, hasValue, regex: new RegExp(p.regex.source, unique(p.regex.flags + (hasValue ? 'gd' : 'g'))) };
  });
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 0,
    context: spec.context ?? [],
    find({ text }) {
      const out: Candidate[] = [];
      if (spec.trigger && !spec.trigger.test(text)) return out;
      for (const p of patterns) {
        const re = p.regex;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const [start, end] = p.hasValue ? m.indices!.groups!['v']! : [m.index, m.index + m[0].length];
          if (spec.validate && !spec.validate(text.slice(start, end))) continue;
          out.push({
            start, end, kind: spec.kind, score: p.score, recognizer: spec.id, why: `${spec.why} (${p.name})`,
            ...(spec.notPhi ? { notPhi: true } : {}),
          });
        }
      }
      return out;
    },
  };
}

function unique(flags: string): string {
  return [...new Set(flags)].join('');
}
