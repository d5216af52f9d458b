import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { date } from './date.js';

describe('DATE', () => {
  it.each([
    ['DOB with year', 'DOB 04/22/1951', ['04/22/1951']],
    ['two-digit year', 'seen 3/7/24 in clinic', ['3/7/24']],
    ['ISO', 'collected 2025-03-02', ['2025-03-02']],
    ['month/day in a note', 'MRI brain 05/29: acute infarct', ['05/29']],
    ['month name and day', 'admitted June 2, 2025 overnight', ['June 2, 2025']],
    ['day and month name', 'surgery on 3 March', ['3 March']],
    ['month alone after a preposition', 'had a knee replacement in February', ['February']],
    ['early/mid/late month', 'noticed the lump in early March', ['early March']],
    ['ordinal day', 'runs out on the 19th', ['19th']],
    ['month-day with visit context', 'Next SN visit 3-6 at home', ['3-6']],
    ['month/year', 'bronchiolitis 1/2025 with admission', ['1/2025']],
    ['leap day without a year', 'born 2/29', ['2/29']],
  ])('accepts %s', (_l, text, expected) => expect(reported(date, text)).toEqual(expected));

  it.each([
    ['a year alone', 'diagnosed in 2019'],
    ['an impossible day', 'DOB 02/30/1960'],
    ['month 13', 'DOB 13/02/1960'],
    ['a pain score', 'pain 8/10 this morning'],
    ['a blood pressure', 'BP 128/84 sitting'],
    ['a dose fraction', 'take 1/2 tab daily'],
    ['a ratio of counts', 'scored 3 out of 4/5 items'],
    ['month-day without context', 'rooms 3-6 are closed'],
    ['a modal "may"', 'we may call her'],
    ['month name as a word in a name', 'the June newsletter'],
  ])('rejects %s', (_l, text) => expect(reported(date, text)).toEqual([]));
});
