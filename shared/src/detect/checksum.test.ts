import { describe, expect, it } from '@jest/globals';
import { deaValid, luhn, npiValid } from './checksum.js';

describe('checksums', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['79927398710', false],
    ['12a4', false],
  ])('luhn(%s) is %s', (digits, ok) => expect(luhn(digits)).toBe(ok));

  it.each([
    ['1234567893', true], // CMS's worked example
    ['1234567890', false],
    ['3234567893', false], // NPIs start with 1 or 2
    ['123456789', false],
  ])('npiValid(%s) is %s', (npi, ok) => expect(npiValid(npi)).toBe(ok));

  it.each([
    ['AB1234563', true],
    ['AB1234564', false],
    ['ZB1234563', false], // Z is not a registrant type
    ['AB123456', false],
  ])('deaValid(%s) is %s', (dea, ok) => expect(deaValid(dea)).toBe(ok));
});
