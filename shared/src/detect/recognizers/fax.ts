import { definePatternRecognizer } from '../recognizer.js';
import { INTERNATIONAL, INTERNATIONAL_ANCHOR, NANP, nanpValid } from './phone.js';

/** A phone number that the text calls a fax; without that word it stays a phone number. */
export const fax = definePatternRecognizer({
  id: 'FAX_NUMBER',
  kind: 'FAX',
  priority: 12,
  patterns: [
    { name: 'fax-labelled NANP', regex: new RegExp(NANP), score: 0.2 },
    { name: 'fax-labelled international', regex: new RegExp(INTERNATIONAL), score: 0.2, anchor: INTERNATIONAL_ANCHOR },
  ],
  context: ['fax', 'faxed', 'fx', 'facsimile', 'efax'],
  validate: nanpValid,
  why: 'telephone number named as a fax',
});
