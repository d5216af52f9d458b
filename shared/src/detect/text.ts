/** A word of the scanned text: a run of letters or digits, with its UTF-16 offsets. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    tokens.push({ start, end: start + m[0].length, text: m[0], lower: m[0].toLowerCase() });
  }
  return tokens;
}

/** Index of the first token whose end is after `offset` (binary search; tokens are ordered). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lower-cased words of a phrase, the way `tokenize` would split them. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.lower);
}
