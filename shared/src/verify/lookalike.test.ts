import { describe, expect, it } from '@jest/globals';
import { lookalikeOf, skeleton } from './lookalike.js';

const own = ['northside-cardiology.com', 'clinic.example.org'];
const known = [...own, 'quest-labs.com', 'bluecrossma.com', 'gmail.com', 'yahoo.com', 'outlook.com'];

describe('lookalike recipient domains', () => {
  it.each([
    ['northside-cardio1ogy.com', 'northside-cardiology.com', 'homoglyph'],
    ['northside-cardiology.co', 'northside-cardiology.com', 'swapped_tld'],
    ['northside-cardiology.co.uk', 'northside-cardiology.com', 'swapped_tld'],
    ['results.northside-cardio1ogy.com', 'northside-cardiology.com', 'homoglyph'],
    ['c1inic.example.org', 'clinic.example.org', 'homoglyph'],
    ['northsidecardiology.com', 'northside-cardiology.com', 'hyphenation'],
    ['northside-cardiology.net', 'northside-cardiology.com', 'swapped_tld'],
    ['northside-cardiolgoy.com', 'northside-cardiology.com', 'typo'],
    ['northside-cardiologyy.com', 'northside-cardiology.com', 'typo'],
    ['qeust-labs.com', 'quest-labs.com', 'typo'],
    ['bluecrossrna.com', 'bluecrossma.com', 'homoglyph'],
    ['gmai1.com', 'gmail.com', 'homoglyph'],
    ['clinic.example.org.mail-relay.net', 'clinic.example.org', 'embedded'],
  ])('%s imitates %s (%s)', (domain, of, kind) => {
    expect(lookalikeOf(domain, known)).toEqual({ of, kind });
  });

  it('sees through internationalised domains written in Cyrillic', () => {
    // "nоrthside-cardiology.com" with a Cyrillic о, as it arrives in punycode.
    expect(lookalikeOf('xn--nrthside-cardiology-qwp.com', known)).toEqual({ of: 'northside-cardiology.com', kind: 'homoglyph' });
  });

  it("stays quiet on the organisation's own domains, their subdomains and every known correspondent", () => {
    for (const domain of [...known, 'mail.northside-cardiology.com', 'CLINIC.EXAMPLE.ORG']) expect(lookalikeOf(domain, known)).toBeUndefined();
  });

  it('stays quiet on unrelated and short domains', () => {
    for (const domain of ['mercy-hospital.org', 'gmx.com', 'aol.com', 'hotmail.com', 'ibm.com', 'cardiology-associates.com']) {
      expect(lookalikeOf(domain, known)).toBeUndefined();
    }
  });

  it('names the first reference imitated, in the order given', () => {
    expect(lookalikeOf('c1inic.example.org', ['clinic.example.org', 'cl1nic.example.org'], [])).toEqual({ of: 'clinic.example.org', kind: 'homoglyph' });
  });
});

describe('skeleton', () => {
  it('folds what reads alike', () => {
    expect(skeleton('Cardio1ogy')).toBe('cardiology');
    expect(skeleton('rnodern')).toBe('modem');
    expect(skeleton('vvest')).toBe('west');
  });
});
