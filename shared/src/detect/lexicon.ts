import type { Kind } from './kinds.js';
import type { Candidate, Recognizer } from './recognizer.js';
import { phraseWords, type Token } from './text.js';

interface Entry {
  readonly words: readonly string[];
  /** Short all-caps abbreviations (ED, PT, CHF) only match as written, so "ed" or "pt" in prose do not. */
  readonly exact: readonly string[] | null;
}

/** The phrases that start with one word, longest first. */
interface Group {
  readonly entries: Entry[];
  /** Second words of the longer phrases: when the next token is none of them, only one-word phrases can fit. */
  readonly seconds: Set<string>;
}

/**
 * Phrase lookup over the token list: at each token, the longest phrase that starts there.
 * O(tokens × phrases sharing a first word), no regex alternation over thousands of terms.
 */
export class PhraseIndex {
  private readonly byFirst = new Map<string, Group>();

  constructor(terms: readonly string[] = []) {
    for (const term of terms) this.add(term);
  }

  /** Adds a phrase; `words` when the caller has already split it. */
  add(term: string, words: readonly string[] = phraseWords(term)): void {
    if (words.length === 0) return;
    const exact = isAbbreviation(term) ? term.match(/[\p{L}\p{N}]+/gu)! : null;
    let group = this.byFirst.get(words[0]!);
    if (!group) this.byFirst.set(words[0]!, (group = { entries: [], seconds: new Set() }));
    if (words.length > 1) group.seconds.add(words[1]!);
    // Longest first, so the first entry that fits is the longest match.
    const list = group.entries;
    let at = list.length;
    while (at > 0 && list[at - 1]!.words.length < words.length) at--;
    list.splice(at, 0, { words, exact });
  }

  /** Length in tokens of the longest phrase starting at tokens[i], or 0. */
  matchAt(tokens: readonly Token[], i: number, text: string): number {
    const first = tokens[i]!.lower;
    const group = this.byFirst.get(first) ?? (mayBePlural(first) ? this.byFirst.get(singular(first)) : undefined);
    if (!group) return 0;
    // An entry's second word matches as written, in lower case, or (as a last word) as a plural.
    const next = tokens[i + 1]?.lower;
    const longer = next !== undefined && (group.seconds.has(next) || (mayBePlural(next) && group.seconds.has(singular(next))));
    for (const entry of group.entries) {
      if (entry.words.length > 1 && !longer) continue;
      if (fits(entry, tokens, i, text)) return entry.words.length;
    }
    return 0;
  }

  /** Every longest, non-overlapping phrase match as [startToken, endTokenExclusive). */
  *matches(tokens: readonly Token[], text: string): Generator<[number, number]> {
    for (let i = 0; i < tokens.length; ) {
      const n = this.matchAt(tokens, i, text);
      if (n > 0) {
        yield [i, i + n];
        i += n;
      } else i++;
    }
  }
}

function fits(entry: Entry, tokens: readonly Token[], i: number, text: string): boolean {
  const n = entry.words.length;
  if (i + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    const t = tokens[i + k]!;
    if (entry.exact ? t.text !== entry.exact[k] : t.lower !== entry.words[k] && !(k === n - 1 && pluralOf(t.lower, entry.words[k]!))) {
      return false;
    }
    // Words of one phrase sit on one line, separated by at most a space or a joiner such as "-" or "/".
    if (k > 0 && !isJoiner(text, tokens[i + k - 1]!.end, t.start)) return false;
  }
  return true;
}

/** text[from, to) is at most two of " ", "-", "/", "'", "’" and ".". */
function isJoiner(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let j = from; j < to; j++) if (!JOINERS.includes(text[j]!)) return false;
  return true;
}

const JOINERS = " -/'’.";

/** All-caps terms of up to five characters match only as written. */
export function isAbbreviation(term: string): boolean {
  return term.length <= 5 && /\p{Lu}/u.test(term) && term === term.toUpperCase();
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('es') && /(?:ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

// singular() only shortens words that end in "s": anything else is looked up as it is, with no new string.
const mayBePlural = (word: string) => word.length > 3 && word.endsWith('s');

/** `word` is a plural of `base` ("fractures" of "fracture"). */
const pluralOf = (word: string, base: string) => word.length > base.length && mayBePlural(word) && singular(word) === base;

export interface LexiconRecognizerSpec {
  readonly id: string;
  readonly kind: Kind;
  readonly terms: readonly string[];
  readonly score: number;
  readonly priority?: number;
  readonly context?: readonly string[];
  readonly why: string;
}

/** A recognizer for a word list (conditions, medications, care phrases). */
export function defineLexiconRecognizer(spec: LexiconRecognizerSpec): Recognizer {
  const index = new PhraseIndex(spec.terms);
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 0,
    context: spec.context ?? [],
    find({ text, tokens }) {
      const out: Candidate[] = [];
      for (const [a, b] of index.matches(tokens, text)) {
        out.push({
          start: tokens[a]!.start,
          end: tokens[b - 1]!.end,
          kind: spec.kind,
          score: spec.score,
          recognizer: spec.id,
          why: spec.why,
        });
      }
      return out;
    },
  };
}
