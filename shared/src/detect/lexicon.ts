import type { Kind } from './kinds.js';
import type { Candidate, Recognizer } from './recognizer.js';
import { phraseWords, type Token } from './text.js';

interface Entry {
  readonly words: readonly string[];
  /** Short all-caps abbreviations (ED, PT, CHF) only match as written, so "ed" or "pt" in prose do not. */
  readonly exact: readonly string[] | null;
}

/**
 * Phrase lookup over the token list: at each token, the longest phrase that starts there.
 * O(tokens × phrases sharing a first word), no regex alternation over thousands of terms.
 */
export class PhraseIndex {
  private readonly byFirst = new Map<string, Entry[]>();

  constructor(terms: readonly string[]) {
    for (const term of terms) {
      const words = phraseWords(term);
      if (words.length === 0) continue;
      const exact = isAbbreviation(term) ? term.match(/[\p{L}\p{N}]+/gu)! : null;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, exact });
      this.byFirst.set(words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Length in tokens of the longest phrase starting at tokens[i], or 0. */
  matchAt(tokens: readonly Token[], i: number, text: string): number {
    const first = tokens[i]!;
    const list = this.byFirst.get(first.lower) ?? this.byFirst.get(singular(first.lower));
    if (!list) return 0;
    for (const entry of list) {
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
    if (entry.exact ? t.text !== entry.exact[k] : t.lower !== entry.words[k] && !(k === n - 1 && singular(t.lower) === entry.words[k])) {
      return false;
    }
    // Words of one phrase sit on one line, separated by at most a space or a joiner such as "-" or "/".
    if (k > 0 && !/^[ \-/'’.]{0,2}$/.test(text.slice(tokens[i + k - 1]!.end, t.start))) return false;
  }
  return true;
}

function isAbbreviation(term: string): boolean {
  return term.length <= 5 && /\p{Lu}/u.test(term) && term === term.toUpperCase();
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('es') && /(?:ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

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
