import { CLINICAL_MARKERS } from '../data/health/abbreviations.js';
import { defineHealthTerms } from './health-terms.js';

export const care = defineHealthTerms({
  id: 'CARE_TERM',
  kind: 'CARE',
  priority: 2,
  patterns: [
    { name: 'visit count', regex: /\b\d{1,2}[ \t](?:more[ \t]|additional[ \t]|authorized[ \t]|approved[ \t]|remaining[ \t]|PT[ \t]|OT[ \t]|therapy[ \t])?(?:visits|sessions|treatments)\b/i, score: 0.55 },
    { name: 'visits used', regex: /\b\d{1,2}[ \t]of[ \t]\d{1,2}[ \t](?:authorized[ \t]|approved[ \t]|allowed[ \t]|planned[ \t])?(?:visits|sessions|treatments)\b/i, score: 0.6 },
    // "OR" is an operating room only in capitals after "in/to the".
    { name: 'operating room', regex: /\b(?:[Ii]n|[Tt]o|back to) the OR\b/, score: 0.6, trigger: /the OR/ },
    { name: 'no-show count', regex: /\bno[- ]?shows?[ \t]?(?:x|×)[ \t]?\d\b/i, score: 0.6 },
    // "&" joins no phrase in the word index.
    { name: 'ampersand abbreviation', regex: /(?<![\p{L}\p{N}])(?:H&P|L&D|PM&R)(?![\p{L}\p{N}])/u, score: 0.6, trigger: /&/ },
  ],
  context: [
    ...CLINICAL_MARKERS,
    'she', 'he', 'presented', 'arrived', 'your', 'my', 'their', 'followed', 'scheduled', 'missed', 'next', 'last',
    'upcoming', 'cancel', 'reschedule', 'book', 'booked', 'dr', 'doctor', 'md', 'provider', 'hospital', 'clinic', 'er',
    'ed', 'icu', 'snf', 'home', 'admit', 'discharge', 'follow', 'f/u', 'see', 'seen', 'sees', 'referral', 'referred',
    'urgent', 'sent', 'surgery', 'therapy', 'appointment', 'appt', 'consult', 'copay', 'covered', 'claim', 'billed',
  ],
  why: 'visit, admission, referral or care setting',
});
