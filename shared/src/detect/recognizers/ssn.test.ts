import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { ssn } from './ssn.js';

describe('US_SSN', () => {
  it.each([
    ['delimited with dashes', 'SSN 531-72-0846 on file', ['531-72-0846']],
    ['delimited without context still reported', 'number is 412-58-3907.', ['412-58-3907']],
    ['spaces as delimiters', 'social security 531 72 0846', ['531 72 0846']],
    ['bare nine digits with context', 'Her SSN: 531720846', ['531720846']],
    ['last four with SSN anchor', 'SSN ending in 0846 verified', ['0846']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(ssn, text)).toEqual(expected);
  });

  it.each([
    ['area 000', 'SSN 000-12-3456'],
    ['area 666', 'SSN 666-12-3456'],
    ['area 9xx (ITIN range)', 'SSN 912-34-5678'],
    ['group 00', 'SSN 531-00-0846'],
    ['serial 0000', 'SSN 531-72-0000'],
    ['advertised sample 123-45-6789', 'SSN 123-45-6789'],
    ['one repeated digit', 'SSN 555-55-5555'],
    ['mixed delimiters', 'SSN 531-72 0846'],
    ['bare nine digits without context', 'order 531720846 shipped'],
    ['part of a longer number', 'tracking 1531-72-08467'],
  ])('rejects %s', (_label, text) => {
    expect(reported(ssn, text)).toEqual([]);
  });
});
