import { describe, expect, it } from '@jest/globals';
import { DomainSchema, normalizeDomain } from './domain.js';

describe('normalizeDomain', () => {
  it.each([
    ['Partner.ORG', 'partner.org', 'case is folded'],
    ['partner.org.', 'partner.org', 'the root dot is dropped'],
    [' mail.partner.co.uk ', 'mail.partner.co.uk', 'surrounding spaces are trimmed'],
    ['München-Klinik.de', 'xn--mnchen-klinik-wob.de', 'IDN labels become A-labels'],
    ['xn--mnchen-klinik-wob.de', 'xn--mnchen-klinik-wob.de', 'A-labels stay'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai', 'an IDN top-level domain'],
  ])('%j → %j (%s)', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['localhost', 'a single label'],
    ['192.0.2.1', 'an IPv4 address'],
    ['[2001:db8::1]', 'an IPv6 literal'],
    ['bob@partner.org', 'an address'],
    ['part ner.org', 'a space'],
    ['-partner.org', 'a leading hyphen'],
    ['partner-.org', 'a trailing hyphen'],
    ['a..org', 'an empty label'],
    ['under_score.org', 'an underscore'],
    [`${'a'.repeat(64)}.org`, 'a label over 63 characters'],
    ['xn--zz.org', 'punycode that does not decode'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizeDomain(input)).toBeUndefined();
    expect(DomainSchema.safeParse(input).success).toBe(false);
  });
});
