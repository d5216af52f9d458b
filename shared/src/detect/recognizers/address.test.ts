import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { address } from './address.js';

describe('US_ADDRESS', () => {
  it.each([
    ['street with unit, city, state and ZIP', 'lives at 12 Elm Street, Apt 4, Millbrook, OH 43001 now', ['12 Elm Street, Apt 4, Millbrook, OH 43001']],
    ['street alone', 'moved to 4407 Birch Hollow Dr last month', ['4407 Birch Hollow Dr']],
    ['city, state ZIP', 'mail it to Dover, DE 19901', ['Dover, DE 19901']],
    ['home town', 'at home in Cedar Falls alone', ['Cedar Falls']],
    ['labelled ZIP', 'zip: 43990', ['43990']],
    ['PO box', 'PO Box 4410', ['PO Box 4410']],
  ])('accepts %s', (_l, text, expected) => expect(reported(address, text)).toEqual(expected));

  it.each([
    ['a dose and a drug', 'take 20 mg daily'],
    ['a count followed by a capitalised word', '3 Tips For Better Sleep'],
    ['a state alone', 'licensed in OH and PA'],
    ['a five-digit number with no label', 'order 43990 shipped'],
    ['a room number', 'Room 3B on the 2nd floor'],
  ])('rejects %s', (_l, text) => expect(reported(address, text)).toEqual([]));
});
