import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { age } from './age.js';

describe('AGE_OVER_89', () => {
  it.each([
    ['n-year-old', 'our 94-year-old in room 4', ['94-year-old']],
    ['y/o', 'Rm 403 - 90 y/o M', ['90 y/o']],
    ['age label', 'Age: 92     Sex: F', ['92']],
    ['centenarian', '102 yo F admitted', ['102 yo']],
    ['age and sex shorthand', 'pt is 91F with CHF', ['91F']],
  ])('accepts %s', (_l, text, expected) => expect(reported(age, text)).toEqual(expected));

  it.each([
    ['89 is not over 89', 'an 89-year-old woman'],
    ['young adult', 'a 24 y/o patient'],
    ['a count of patients', '6 of our patients are 90+'],
    ['a number of days', 'the 90-day supply'],
    ['a percentage', '95% of members'],
  ])('rejects %s', (_l, text) => expect(reported(age, text)).toEqual([]));
});
