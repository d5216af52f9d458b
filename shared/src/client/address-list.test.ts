import { describe, expect, it } from '@jest/globals';
import { parseAddressList, parseMailbox, splitAddressList } from './address-list.js';

describe('address lists', () => {
  it('keeps a quoted display name with a comma in one entry', () => {
    expect(parseAddressList('"Patel, Anil" <Dr.Patel@Elsewhere.example>, nurse@cityclinic.example', 'cc')).toEqual([
      { address: 'dr.patel@elsewhere.example', name: 'Patel, Anil', type: 'cc' },
      { address: 'nurse@cityclinic.example', type: 'cc' },
    ]);
  });

  it('splits on commas, semicolons and line breaks, and drops entries without an address', () => {
    expect(splitAddressList('a@x.example; b@y.example\nc@z.example,, ')).toEqual(['a@x.example', 'b@y.example', 'c@z.example']);
    expect(parseAddressList('Someone, a@x.example').map((r) => r.address)).toEqual(['a@x.example']);
  });

  it('reads escaped quotes and an unquoted name', () => {
    expect(parseMailbox('"Anil \\"Doc\\" Patel" <a@x.example>')).toEqual({ address: 'a@x.example', name: 'Anil "Doc" Patel', type: 'to' });
    expect(parseMailbox('Anil Patel <a@x.example>')).toEqual({ address: 'a@x.example', name: 'Anil Patel', type: 'to' });
  });

  it('is not fooled by a comma inside angle brackets or text that is no address', () => {
    expect(splitAddressList('Odd <a,b@x.example>')).toEqual(['Odd <a,b@x.example>']);
    expect(parseMailbox('not an address')).toBeUndefined();
    expect(parseMailbox('two@at@x.example')).toBeUndefined();
  });
});
