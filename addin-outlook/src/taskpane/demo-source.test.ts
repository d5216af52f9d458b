import { describe, expect, it } from '@jest/globals';
import { parseAddressList } from './demo-source.js';

describe('demo To line', () => {
  it('reads names in angle brackets and bare addresses, separated by commas, semicolons or lines; skips the rest', () => {
    expect(parseAddressList('"Dr. Anil Patel" <Dr.Patel@Elsewhere.example>; nurse@cityclinic.example\nnot an address,')).toEqual([
      { address: 'dr.patel@elsewhere.example', name: 'Dr. Anil Patel', type: 'to' },
      { address: 'nurse@cityclinic.example', type: 'to' },
    ]);
  });
});
