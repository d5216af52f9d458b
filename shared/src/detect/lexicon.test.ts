import { describe, expect, it } from '@jest/globals';
import { defineLexiconRecognizer } from './lexicon.js';
import { reported } from './testing.js';

const terms = defineLexiconRecognizer({
  id: 'TEST_TERMS',
  kind: 'CONDITION',
  terms: ['heart failure', 'congestive heart failure', 'CHF', 'ED', 'fracture'],
  score: 0.6,
  why: 'test term',
});

describe('lexicon phrase matching', () => {
  it.each([
    ['the longest phrase wins', 'hx of congestive heart failure', ['congestive heart failure']],
    ['case-insensitive words', 'Heart Failure clinic', ['Heart Failure']],
    ['plural of the last word', 'two fractures', ['fractures']],
    ['plural of the last word of a phrase', 'two heart failures', ['heart failures']],
    ['a phrase start that no phrase continues', 'heart rate and heart failure', ['heart failure']],
    ['abbreviation as written', 'seen in the ED for CHF', ['ED', 'CHF']],
  ])('%s', (_l, text, expected) => expect(reported(terms, text)).toEqual(expected));

  it.each([
    ['an abbreviation in lower case is an ordinary word', 'she moved and chf'],
    ['"ed" inside prose', 'we talked about it and ed was there'],
    ['a phrase broken by a line', 'heart\n\nfailure'],
    ['part of a longer word', 'fractured'],
  ])('does not match when %s', (_l, text) => expect(reported(terms, text)).toEqual([]));
});
