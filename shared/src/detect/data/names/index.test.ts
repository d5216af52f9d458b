import { describe, expect, it } from '@jest/globals';
import { frontDecode } from './decode.js';
import { FIRST_NAMES } from './first-names.js';
import { FIRST, NameWords, NOT_NAME, STOP, SURNAME } from './index.js';
import { NOT_NAME_WORDS, STOP_WORDS } from './stop-words.js';
import { SURNAMES } from './surnames.js';

describe('name word lists', () => {
  // The lists are decoded a bucket at a time; every word must read as if all were decoded at once.
  it('every listed word has exactly its lists’ flags', () => {
    const first = new Set(frontDecode(FIRST_NAMES));
    const surname = new Set(frontDecode(SURNAMES));
    const stop = new Set(STOP_WORDS.split(/\s+/).filter(Boolean));
    const notName = new Set(NOT_NAME_WORDS.split(/\s+/).filter(Boolean));
    const words = new NameWords();
    for (const w of [...first, ...surname, ...stop, ...notName]) {
      const expected = (first.has(w) ? FIRST : 0) | (surname.has(w) ? SURNAME : 0) | (stop.has(w) ? STOP : 0) | (notName.has(w) ? NOT_NAME : 0);
      expect([w, words.of(w)]).toEqual([w, expected]);
    }
  });

  it.each([['zzxq'], ['q'], ["o'neil"], ['mary-jane'], ['é'], ['']])('%j is in no list', (w) => {
    expect(new NameWords().of(w)).toBe(0);
  });

  it("the caller's own lists get its flags", () => {
    const words = new NameWords([[16, ['clinic', 'maria']]]);
    expect(words.of('clinic')).toBe(16);
    expect(words.of('maria') & (16 | FIRST)).toBe(16 | FIRST);
  });
});
