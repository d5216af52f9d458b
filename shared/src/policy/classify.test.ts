import { describe, expect, it } from '@jest/globals';
import { classifyAddress, domainOf, inDomains } from './classify.js';
import { PolicySchema } from './schema.js';

const policy = PolicySchema.parse({ organisation: { domains: ['clinic.example'], partnerDomains: ['lab.example'] } });

describe('classifyAddress', () => {
  it.each([
    ['nurse@clinic.example', 'internal'],
    ['NURSE@Clinic.Example', 'internal'],
    ['billing@east.clinic.example', 'internal'],
    ['results@lab.example', 'partner'],
    ['someone@gmail.example', 'external'],
    // Lookalikes and suffix tricks are not the organisation.
    ['nurse@clinic.example.evil.example', 'external'],
    ['nurse@myclinic.example', 'external'],
    ['no-at-sign', 'external'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address, policy)).toBe(expected);
  });
});

describe('domainOf / inDomains', () => {
  it('takes the part after the last @, lower-cased, without a trailing dot', () => {
    expect(domainOf('"a@b"@Clinic.Example.')).toBe('clinic.example');
    expect(domainOf('nobody')).toBe('');
  });

  it('an empty domain is in no list', () => {
    expect(inDomains('', [''])).toBe(false);
  });
});
