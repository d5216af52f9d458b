import { describe, expect, it } from '@jest/globals';
import { combine, termList } from './list.js';

describe('termList', () => {
  it.each([
    ['bars and newlines both separate terms', 'a|b\nc', ['a', 'b', 'c']],
    ['surrounding blanks and empty entries are dropped', '\n a | b |\n\n|c\n', ['a', 'b', 'c']],
    ['spaces inside a phrase stay', 'heart failure|type 2 diabetes', ['heart failure', 'type 2 diabetes']],
  ])('%s', (_label, source, expected) => {
    expect(termList(source)).toEqual(expected);
  });
});

describe('combine', () => {
  it('joins every prefix with every suffix', () => {
    expect(combine(['knee', 'hip'], ['pain', 'fracture'])).toEqual(['knee pain', 'knee fracture', 'hip pain', 'hip fracture']);
  });
});
