import { describe, expect, it } from '@jest/globals';
import { checkRe2, escapeRe2, toJsRegExp, type Re2IssueCode } from './re2.js';

describe('checkRe2: patterns Google Workspace (RE2) and JavaScript read alike', () => {
  it.each([
    ['digits and classes', String.raw`\b\d{3}-\d{2}-\d{4}\b`],
    ['case-insensitive flag in front', String.raw`(?i)\bmrn\b\s{0,3}[A-Za-z0-9_-]*\d`],
    ['non-capturing groups and alternation', String.raw`(?:fax|fx)\s?(?:\(\d{3}\)|\d{3})`],
    ['escaped punctuation and a class with a dash', String.raw`https://x\.example/portal/m/[A-Za-z0-9_-]{43}`],
    ['repeat at the limit', String.raw`a{0,1000}`],
    ['negated class holding brackets and slashes', String.raw`[^\s"<>/\\]{0,60}`],
  ])('accepts %s', (_label, pattern) => {
    expect(checkRe2(pattern)).toEqual({ ok: true });
    expect(() => toJsRegExp(pattern)).not.toThrow();
  });

  it.each<[string, string, Re2IssueCode]>([
    ['lookahead', String.raw`(?=\d{4})\d+`, 're2_lookaround'],
    ['negative lookahead', String.raw`\d(?!\d)`, 're2_lookaround'],
    ['lookbehind', String.raw`(?<=MRN )\d+`, 're2_lookaround'],
    ['negative lookbehind', String.raw`(?<![\d-])\d{10}`, 're2_lookaround'],
    ['numbered backreference', String.raw`\d{3}([- ])\d{2}\1\d{4}`, 're2_backreference'],
    ['named backreference', String.raw`(?<s>-)\d\k<s>`, 're2_backreference'],
    ['named group', String.raw`(?<v>\d+)`, 're2_named_group'],
    ['atomic group', String.raw`(?>\d+)`, 're2_atomic_group'],
    ['possessive quantifier', String.raw`\d++`, 're2_possessive'],
    ['possessive counted repeat', String.raw`\d{2,}+`, 're2_possessive'],
    ['JavaScript unicode escape', String.raw`\u00e9`, 're2_unsupported_escape'],
    ['control escape', String.raw`\cJ`, 're2_unsupported_escape'],
    ['flags in the middle', String.raw`a(?i)b`, 're2_inline_flags'],
    ['scoped flags', String.raw`(?i:mrn)`, 're2_inline_flags'],
    ['repeat over 1000', String.raw`\d{1001}`, 're2_repeat_too_large'],
    ['upper bound over 1000', String.raw`\d{2,5000}`, 're2_repeat_too_large'],
    ['unclosed group', String.raw`(\d+`, 're2_unbalanced'],
    ['stray closing parenthesis', String.raw`\d+)`, 're2_unbalanced'],
    ['unclosed class', String.raw`[a-z`, 're2_unbalanced'],
    ['class opening with ]', String.raw`[]a]`, 're2_unsupported_escape'],
  ])('rejects %s', (_label, pattern, code) => {
    const result = checkRe2(pattern);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toContain(code);
  });

  it('does not mistake escaped or class-bound brackets for groups', () => {
    expect(checkRe2(String.raw`\(\?=not a group\)[(?=]`)).toEqual({ ok: true });
  });
});

describe('escapeRe2 and toJsRegExp', () => {
  it('escapes a URL so it matches itself and nothing looser', () => {
    const url = 'https://secure.example.org:8443/phi+guard(1)?';
    const pattern = escapeRe2(url);
    expect(checkRe2(pattern)).toEqual({ ok: true });
    expect(toJsRegExp(`^${pattern}$`).test(url)).toBe(true);
    expect(toJsRegExp(pattern).test('https://secureXexample.org:8443/phi+guard(1)?')).toBe(false);
  });

  it('turns a leading (?i) into the i flag', () => {
    expect(toJsRegExp('(?i)mrn').test('MRN')).toBe(true);
    expect(toJsRegExp('mrn').test('MRN')).toBe(false);
  });
});
