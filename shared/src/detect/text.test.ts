import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { phraseWords, tokenize } from './text.js';

// The tokenizer reads ASCII without a regex; it must split exactly as this regex would.
const reference = (text: string) =>
  [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase() }));

const mixed = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('Zoë', '👩‍⚕️', 'MRN#12', 'A1c', 'ÉTÉ', '𝐀𝐁c', '\ud800x', ' - ', 'naïve')), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('words of a text', () => {
  it('tokens are the runs of letters and digits, with UTF-16 offsets', () => {
    fc.assert(fc.property(mixed, (text) => expect(tokenize(text)).toEqual(reference(text))), { numRuns: 2000 });
  });

  it('phrase words are the lower-cased tokens, also on the fast path for plain phrases', () => {
    const phrase = fc.oneof(mixed, fc.array(fc.constantFrom('heart', 'failure', 'a1c', 'x', '12'), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')));
    fc.assert(fc.property(phrase, (p) => expect(phraseWords(p)).toEqual(reference(p).map((t) => t.lower))), { numRuns: 2000 });
  });
});
