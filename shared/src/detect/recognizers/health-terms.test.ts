import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../text.js';
import { tagHealthTerms } from './health-terms.js';

/** The phrases the shared health index finds, with the kinds each belongs to. */
function tagged(text: string): string[] {
  const tokens = tokenize(text);
  return tagHealthTerms(tokens, text).map(({ a, b, hits }) => `${text.slice(tokens[a]!.start, tokens[b - 1]!.end)}=${hits.map((h) => h.kind).join('+')}`);
}

describe('shared health phrase index', () => {
  it.each([
    ['the longest phrase wins across kinds', 'booked in the heart failure clinic', ['heart failure clinic=CARE']],
    ['a lab name takes precedence over the drug inside it', 'lithium level 0.7', ['lithium level=LAB']],
    ['plural forms match', 'two seizures last week', ['seizures=CONDITION']],
    ['short all-caps abbreviations match only as written', 'Hx CHF; ed and chf in prose', ['CHF=CONDITION']],
    ['one phrase can carry two kinds', 'home oxygen', ['home oxygen=MEDICATION+PROCEDURE']],
  ])('%s', (_label, text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });

  it.each([
    ['a block phrase hides the term inside it', 'the cold chain logger'],
    ['a block phrase that is a listed form', 'Security Operations'],
    ['lithium batteries', 'lithium batteries in stock'],
  ])('finds nothing in %s', (_label, text) => {
    expect(tagged(text)).toEqual([]);
  });
});
