import type { Field } from './finding.js';
import type { Kind } from './kinds.js';
import type { Layout } from './layout.js';
import type { Token } from './text.js';

/** What every recognizer sees: one field's text, split once by the pipeline. */
export interface RecognizerInput {
  readonly text: string;
  readonly tokens: readonly Token[];
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
  /** Checksum or range rule on the value; false drops the match. */
  readonly validate?: (value: string) => boolean;
  /** The kind identifies providers or the organisation, not patients (NPI, DEA). */
  readonly notPhi?: boolean;
  readonly why: string;
}

/** A recognizer that is only data: patterns with base scores, context words and a validator. */
export function definePatternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  const patterns = spec.patterns.map((p) => ({
    ...p,
    regex: new RegExp(p.regex.source, unique(p.regex.flags + 'gd')),
  }));
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 0,
    context: spec.context ?? [],
    find({ text }) {
      const out: Candidate[] = [];
      for (const p of patterns) {
        for (const m of text.matchAll(p.regex)) {
          const [start, end] = m.indices?.groups?.['v'] ?? m.indices![0]!;
          const value = text.slice(start, end);
          if (spec.validate && !spec.validate(value)) continue;
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
