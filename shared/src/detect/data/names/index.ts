import { frontDecode } from './decode.js';
import { FIRST_NAMES } from './first-names.js';
import { NOT_NAME_WORDS, STOP_WORDS } from './stop-words.js';
import { SURNAMES } from './surnames.js';

// Flags: what a lower-case word is to the name recognizer; several may hold ("grace" is a first name and a stop word).
export const FIRST = 1;
export const SURNAME = 2;
export const STOP = 4;
export const NOT_NAME = 8;

const a = 97;
const isLetter = (c: number) => c >= a && c <= a + 25;
const END = 26; // the "third letter" of a two-letter word

/**
 * One sorted, front-coded list ([a-z]{2,} words), decoded the first time a word of the same first three
 * letters is looked up: a first scan looks up a few dozen capitalised words and decodes a few thousand
 * names, not 48,000. Two-letter buckets ("ma") are indexed up front; a bucket is cut by third letter
 * ("mar") when one is first needed.
 */
class CodedList {
  // Where each two-letter bucket's words start in the coded text; -1 when the list has none.
  private readonly starts = new Int32Array(26 * 26 + 1).fill(-1);

  constructor(private readonly text: string, private readonly flag: number, private readonly into: Map<string, number>) {
    // A word sharing fewer than two letters with the one before starts a new bucket: its digit is 0 or 1.
    const boundary = /[01]/g;
    let first = 0;
    for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
      const i = m.index;
      if (text[i] === '0') first = text.charCodeAt(i + 1);
      const second = text.charCodeAt(text[i] === '0' ? i + 2 : i + 1);
      this.starts[(first - a) * 26 + (second - a)] = i;
    }
    this.starts[26 * 26] = text.length;
  }

  /** Adds the flag to every word whose first two letters are `bucket` and third is `third` (or END). */
  load(bucket: number, third: number): void {
    const start = this.starts[bucket]!;
    if (start === -1) return;
    let end = bucket + 1;
    while (this.starts[end] === -1) end++;
    const stop = this.starts[end]!;
    // Inside a bucket, a word with a new third letter shares exactly two letters: its digit is 2.
    let from = start;
    let letter = this.thirdLetter(start);
    while (letter !== third) {
      from = this.text.indexOf('2', from + 1);
      if (from === -1 || from >= stop) return;
      letter = this.thirdLetter(from);
    }
    let to = this.text.indexOf('2', from + 1);
    if (to === -1 || to > stop) to = stop;
    // The range's first word keeps at most two letters from the word before: the bucket's own.
    const prefix = String.fromCharCode(a + Math.floor(bucket / 26), a + (bucket % 26));
    for (const w of frontDecode(this.text, from, to, prefix)) this.into.set(w, (this.into.get(w) ?? 0) | this.flag);
  }

  /** The third letter (or END) of the word whose digit is at `at`, the first of its bucket or after a 2. */
  private thirdLetter(at: number): number {
    const keep = this.text.charCodeAt(at) - 48;
    const c = this.text.charCodeAt(at + 3 - keep);
    return isLetter(c) ? c - a : END;
  }
}

/**
 * The name lists as one map from word to flags, so one lookup answers every list; the long lists
 * are decoded lazily, bucket by bucket. `extra` adds the caller's own word lists under its own flags.
 */
export class NameWords {
  private readonly flags = new Map<string, number>();
  private readonly lists: readonly CodedList[];
  private readonly decoded = new Uint8Array(26 * 26 * 27);

  constructor(extra: readonly (readonly [flag: number, words: readonly string[]])[] = []) {
    const add = (flag: number, words: readonly string[]) => {
      for (const w of words) if (w) this.flags.set(w, (this.flags.get(w) ?? 0) | flag);
    };
    add(STOP, STOP_WORDS.split(/\s+/));
    add(NOT_NAME, NOT_NAME_WORDS.split(/\s+/));
    for (const [flag, words] of extra) add(flag, words);
    this.lists = [new CodedList(FIRST_NAMES, FIRST, this.flags), new CodedList(SURNAMES, SURNAME, this.flags)];
  }

  /** The flags of a lower-case word. */
  of(word: string): number {
    // Only [a-z]{2,} words are listed: others need no decoding.
    const third = word.length === 2 ? END : isLetter(word.charCodeAt(2)) ? word.charCodeAt(2) - a : -1;
    if (isLetter(word.charCodeAt(0)) && isLetter(word.charCodeAt(1)) && third >= 0) {
      const bucket = (word.charCodeAt(0) - a) * 26 + (word.charCodeAt(1) - a);
      const part = bucket * 27 + third;
      if (!this.decoded[part]) {
        this.decoded[part] = 1;
        for (const list of this.lists) list.load(bucket, third);
      }
    }
    return this.flags.get(word) ?? 0;
  }
}
