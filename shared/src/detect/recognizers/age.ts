import { definePatternRecognizer } from '../recognizer.js';

// Safe Harbor: ages over 89 are identifiers; younger ages are not.
const OVER_89 = String.raw`(?:9\d|1[0-2]\d)`;

export const age = definePatternRecognizer({
  id: 'AGE_OVER_89',
  kind: 'AGE',
  priority: 20,
  patterns: [
    { name: 'n-year-old', regex: new RegExp(String.raw`\b${OVER_89}(?:[- ]?(?:years?|yrs?)[- ]?old|\s?(?:yo|y/o|y\.o\.)(?![\w/])|\s+years\s+of\s+age)`, 'i'), score: 0.8 },
    { name: 'age label', regex: new RegExp(String.raw`\b(?:age|aged)\s*:?\s*(?<v>${OVER_89})\b(?!\+)`, 'i'), score: 0.75 },
    { name: 'age and sex', regex: new RegExp(String.raw`\b${OVER_89}\s?(?:[MF]|yo[MF])\b`), score: 0.6 },
  ],
  why: 'age over 89 (HIPAA Safe Harbor)',
});
