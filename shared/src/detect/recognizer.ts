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
  /** A cheap test the text must pass before this pattern runs. */
  readonly trigger?: RegExp;
  /**
   * A literal that every match holds within `before` characters of its start ("@" in an email
   * address): the regex is tried only there, not at every position of the text.
   */
  readonly anchor?: { readonly literal: string; readonly before: number };
}

export interface PatternRecognizerSpec {
  readonly id: string;
  readonly kind: Kind;
  readonly priority?: number;
  readonly patterns: readonly Pattern[];
  readonly context?: readonly string[];
  /** A cheap test the text (or its tokens) must pass before any pattern runs ("@" for email addresses). */
  readonly trigger?: RegExp | ((input: RecognizerInput) => boolean);
  /** Checksum or range rule on the value; false drops the match. */
  readonly validate?: (value: string) => boolean;
  /** The kind identifies providers or the organisation, not patients (NPI, DEA). */
  readonly notPhi?: boolean;
  readonly why: string;
}

/** A pattern ready for repeated exec: global (sticky when anchored), with match indices only when a `v` group needs them. */
export interface CompiledPattern extends Pattern {
  readonly hasValue: boolean;
}

// exec with lastIndex, not matchAll (which clones the regex per call); indices only when needed.
export function compilePattern<P extends Pattern>(p: P): P & CompiledPattern {
  const hasValue = p.regex.source.includes('(?<v>');
  const flags = p.regex.flags + (p.anchor ? 'y' : 'g') + (hasValue ? 'd' : '');
  return { ...p, hasValue, regex: new RegExp(p.regex.source, unique(flags)) };
}

/** Calls `found` with the span of each match, in order: its `v` group, else the whole match. */
export function forEachMatch(p: CompiledPattern, text: string, found: (start: number, end: number) => void): void {
  if (p.trigger && !p.trigger.test(text)) return;
  const re = p.regex;
  if (!p.anchor) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) report(p, m, found);
    return;
  }
  // The same matches as a global scan: a match holds its first anchor within `before` characters of
  // its start, so trying the starts before each anchor, leftmost first, finds the next match.
  const { literal, before } = p.anchor;
  let from = 0; // no match starts earlier: past the last match, or past an anchor with none
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, Math.max(at + 1, from))) {
    let start = Math.max(from, at - before);
    for (; start <= at; start++) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (m === null) continue;
      report(p, m, found);
      from = re.lastIndex;
      break;
    }
    if (start > at) from = at + 1;
  }
}

// A module function, not a closure per call: this runs for every pattern of every field.
function report(p: CompiledPattern, m: RegExpExecArray, found: (start: number, end: number) => void): void {
  const value = p.hasValue ? m.indices!.groups!['v'] : undefined;
  if (value) found(value[0], value[1]);
  else found(m.index, m.index + m[0].length);
}

/** A recognizer that is only data: patterns with base scores, context words and a validator. */
export function definePatternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  // Each pattern's reason is built once, not per match.
  const patterns = spec.patterns.map((p) => ({ ...compilePattern(p), why: `${spec.why} (${p.name})` }));
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 0,
    context: spec.context ?? [],
    find(input) {
      const { text } = input;
      const out: Candidate[] = [];
      if (spec.trigger && !(typeof spec.trigger === 'function' ? spec.trigger(input) : spec.trigger.test(text))) return out;
      for (const p of patterns) {
        forEachMatch(p, text, (start, end) => {
          if (spec.validate && !spec.validate(text.slice(start, end))) return;
          // Two literals rather than a spread of a conditional object, which is slow on every match.
          out.push(
            spec.notPhi
              ? { start, end, kind: spec.kind, score: p.score, recognizer: spec.id, why: p.why, notPhi: true }
              : { start, end, kind: spec.kind, score: p.score, recognizer: spec.id, why: p.why },
          );
        });
      }
      return out;
    },
  };
}

function unique(flags: string): string {
  return [...new Set(flags)].join('');
}
