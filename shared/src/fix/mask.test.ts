import { describe, expect, it } from '@jest/globals';
import { maskStyleFor, maskValue } from './mask.js';

describe('maskValue', () => {
  it.each([
    ['an SSN keeps its last four and its dashes', '531-72-0846', 'last_four', '***-**-0846'],
    ['a bare SSN', '531720846', 'last_four', '*****0846'],
    ['a member id with letters', 'XJH123456789', 'last_four', '********6789'],
    ['four characters or fewer stay as they are', '0846', 'last_four', '0846'],
    ['a US date keeps its year', '03/14/1962', 'year_only', '**/**/1962'],
    ['an ISO date keeps its year', '1962-03-14', 'year_only', '1962-**-**'],
    ['a two-digit year is the last group', '3/14/62', 'year_only', '*/**/62'],
    ['a written-out date becomes its year', 'March 14, 1962', 'year_only', '1962'],
    ['a written-out date without a year is redacted', 'March 14th', 'year_only', '[date]'],
  ] as const)('%s', (_label, value, style, expected) => {
    expect(maskValue(value, style)).toBe(expected);
  });
});

describe('maskStyleFor', () => {
  it('masks numbers and dates, not names or health terms', () => {
    expect(maskStyleFor('SSN')).toBe('last_four');
    expect(maskStyleFor('DATE')).toBe('year_only');
    expect(maskStyleFor('NAME')).toBeUndefined();
    expect(maskStyleFor('CONDITION')).toBeUndefined();
  });
});
