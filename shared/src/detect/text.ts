/** A word of the scanned text: a run of letters or digits, with its UTF-16 offsets. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Width in UTF-16 units of the letter or digit at i, or 0. ASCII is decided without a regex. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!)) ? 2 : 0;
  return WORD_CHAR.test(text[i]!) ? 1 : 0;
}

/** Splits text into words in one pass; this runs on every scan, so it avoids a regex per word. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    while (w > 0) {
      i += w;
      w = i < n ? wordCharAt(text, i) : 0;
    }
    const word = text.slice(start, i);
    tokens.push({ start, end: i, text: word, lower: word.toLowerCase() });
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
