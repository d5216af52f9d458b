import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compilePattern, definePatternRecognizer, forEachMatch, type Pattern } from './recognizer.js';
import { MONTH_SLASH_DAY, MONTH_SLASH_YEAR, SLASH_ANCHOR } from './recognizers/date.js';
import { INTERNATIONAL, INTERNATIONAL_ANCHOR } from './recognizers/phone.js';
import { inputOf } from './testing.js';

const spans = (p: Pattern, text: string): number[][] => {
  const out: number[][] = [];
  forEachMatch(compilePattern(p), text, (start, end) => out.push([start, end]));
  return out;
};

const EMAIL = /(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/;
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/i;
const anchored = [
  ['an email address from its "@"', { name: 'email', regex: EMAIL, score: 1, anchor: { literal: '@', before: 64 } }, 'ab.c@@x.com ', ['jo@example.com', 'a@b', '@x.org']],
  ['an IPv6 address from its first ":"', { name: 'ipv6', regex: IPV6, score: 1, anchor: { literal: ':', before: 4 } }, 'fF0:9 ', ['2001:db8:85a3:0:0:8a2e:370:7334', 'fe80:1:2:3:4:5:6:7:8', ':::']],
  ['a month/day date from its "/"', { name: 'm/d', regex: MONTH_SLASH_DAY, score: 1, anchor: SLASH_ANCHOR }, '0123/.,-% x', ['12/31', '1/2/', 'pain 3/10', 'BP ', ' mg', '10/10/']],
  ['a month/year date from its "/"', { name: 'm/y', regex: MONTH_SLASH_YEAR, score: 1, anchor: SLASH_ANCHOR }, '0129/., ', ['11/2024', '3/1999/', '19', '20']],
  ['an international number from its "+"', { name: 'intl', regex: new RegExp(INTERNATIONAL), score: 1, anchor: INTERNATIONAL_ANCHOR }, '+1290 .-()x', ['+44 20 7946 0958', '+33 (1) 23', '++49']],
] as const;

describe('pattern matching', () => {
  it.each(anchored)('an anchored pattern finds what a scan of every position finds: %s', (_label, pattern, alphabet, pieces) => {
    const text = fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...pieces)), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const { anchor: _anchor, ...everywhere } = pattern;
        expect(spans(pattern, t)).toEqual(spans(everywhere, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('a `v` group is the reported span', () => {
    expect(spans({ name: 'zip', regex: /zip (?<v>\d{5})/, score: 1 }, 'zip 12345, zip 54321')).toEqual([[4, 9], [15, 20]]);
  });

  it('a pattern whose trigger fails does not run', () => {
    expect(spans({ name: 'x', regex: /\d+/, score: 1, trigger: /#/ }, 'call 12')).toEqual([]);
    expect(spans({ name: 'x', regex: /\d+/, score: 1, trigger: /#/ }, 'call #12')).toEqual([[6, 8]]);
  });

  it("a recognizer's trigger may read the tokens", () => {
    const long = definePatternRecognizer({
      id: 'LONG',
      kind: 'OTHER_ID',
      patterns: [{ name: 'long', regex: /\b[A-Z0-9]{8}\b/, score: 0.6 }],
      trigger: ({ tokens }) => tokens.some((t) => t.end - t.start >= 8),
      why: 'test',
    });
    expect(long.find(inputOf('id AB12CD34 here')).map((c) => [c.start, c.end])).toEqual([[3, 11]]);
    expect(long.find(inputOf('id AB12-CD34 here'))).toEqual([]);
  });
});
