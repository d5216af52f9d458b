import { definePatternRecognizer } from '../recognizer.js';

export const url = definePatternRecognizer({
  id: 'URL',
  kind: 'URL',
  priority: 15,
  trigger: /https?:|www\./i,
  patterns: [
    // Trailing sentence punctuation is not part of a link.
    { name: 'http(s) link', regex: /\bhttps?:\/\/[^\s<>"'`{}|\\^]+[^\s<>"'`{}|\\^.,;:!?)\]]/i, score: 0.6 },
    { name: 'www link', regex: /\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s<>"'`{}|\\^]*[^\s<>"'`{}|\\^.,;:!?)\]])?/i, score: 0.55 },
  ],
  why: 'web address',
});
