/** A word of the scanned text: a run of letters or digits, with its UTF-16 offsets. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Width in UTF-16 units of the non-ASCII letter or digit at i, or 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!)) ? 2 : 0;
  return WORD_CHAR.test(text[i]!) ? 1 : 0;
}

/** Splits text into words in one pass; this runs on every scan, so ASCII is read without a regex or a call. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    // Most words are lower-case ASCII already: they are their own lower case, with no copy.
    let lower = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) i++;
      else if (c >= 65 && c <= 90) {
        lower = false;
        i++;
      } else if (c < 128) break;
      else {
        const w = wordCharAt(text, i);
        if (w === 0) break;
        lower = false;
        i += w;
      }
    }
    if (i === start) {
      i++;
      continue;
    }
    const word = text.slice(start, i);
    tokens.push({ start, end: i, text: word, lower: lower ? word : word.toLowerCase() });
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

// Most list phrases are lower-case ASCII words and single spaces: split those without the tokenizer
// (thousands of phrases are split while the first scan waits).
const PLAIN_PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Lower-cased words of a phrase, the way `tokenize` would split them. */
export function phraseWords(phrase: string): string[] {
  return PLAIN_PHRASE.test(phrase) ? phrase.split(' ') : tokenize(phrase).map((t) => t.lower);
}
