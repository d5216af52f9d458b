import { definePatternRecognizer } from '../recognizer.js';

// CMS MBI: C A AN N A AN N A A N N; letters exclude S, L, O, I, B, Z; dashes optional when printed.
const A = '[AC-HJKMNP-RT-Y]';
const AN = '[AC-HJKMNP-RT-Y0-9]';
const MBI = `[1-9]${A}${AN}\\d-?${A}${AN}\\d-?${A}${A}\\d\\d`;

export const mbi = definePatternRecognizer({
  id: 'US_MBI',
  kind: 'HEALTH_PLAN_ID',
  priority: 25,
  patterns: [
    { name: 'MBI shape', regex: new RegExp(`\\b(?<v>${MBI})\\b`), score: 0.5 },
  ],
  context: ['mbi', 'medicare', 'beneficiary', 'cms', 'card', 'medicare id'],
  why: 'Medicare Beneficiary Identifier shape (CMS)',
});
