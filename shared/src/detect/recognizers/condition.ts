import { CLINICAL_MARKERS } from '../data/health/abbreviations.js';
import { CONDITIONS, CONDITIONS_NEED_CONTEXT } from '../data/health/conditions.js';
import { defineHealthTerms } from './health-terms.js';

// "pain 8/10", "incisional pain 7/10", "chest pain down to 5/10": a pain phrase takes its score.
const PAIN_PHRASES = [...CONDITIONS, ...CONDITIONS_NEED_CONTEXT].filter((t) => /(?:^|\s)pain$/.test(t));
const PAIN_SCORE = /(?:[ \t](?:score|level|rating|scale|of|is|was|at|now|remains|rated|down to|up to))?[ \t]?(?:10|\d)[ \t]?\/[ \t]?10(?![\p{N}])/iu;

export const condition = defineHealthTerms({
  id: 'CONDITION_TERM',
  kind: 'CONDITION',
  priority: 2,
  extension: { name: 'pain score', heads: PAIN_PHRASES, tail: PAIN_SCORE, score: 0.6 },
  patterns: [
    { name: 'kidney disease stage', regex: /\b(?:CKD|ckd)[ \t]?(?:stage[ \t]?)?(?:[1-5][ab]?|I{1,3}[ab]?|IV|V)(?![\p{L}\p{N}])/u, score: 0.6 },
    { name: 'rated pain', regex: /\b(?:10|\d)[ \t]?\/[ \t]?10[ \t](?:pain|\w+[ \t]pain)\b/i, score: 0.6 },
    { name: 'measured finding', regex: /\b\d{1,2}(?:\.\d)?[ \t]?(?:mm|cm)\b[^.\n]{0,40}?\b(?:mass|nodule|lesion|cyst|tumou?r|polyp|aneurysm|ulcer|wound|laceration|effusion|hematoma|adenoma|stone|calculus)s?\b/i, score: 0.6 },
    { name: 'weeks pregnant', regex: /\b\d{1,2}[ \t]?(?:weeks?|wks?)(?:[ \t]\d[ \t]?days?)?[ \t](?:pregnant|gestation|along|with[ \t](?:twins|triplets))\b/i, score: 0.6 },
    { name: 'disease stage', regex: /\bstage[ \t](?:[1-5]|I{1,3}|IV)[abcABC]?[ \t](?:\w+[ \t]){0,2}?(?:cancer|disease|ckd|kidney disease|pressure (?:injury|ulcer)|ulcer|lymphoma|melanoma|carcinoma)\b/i, score: 0.6 },
  ],
  context: [
    ...CLINICAL_MARKERS,
    'he', 'she', 'my', 'removed', 'found', 'noted', 'biopsy', 'benign', 'your', 'mom', 'son', 'daughter', 'history',
    'symptoms', 'chronic', 'acute', 'severe', 'mild', 'worsening', 'denies', 'since', 'treated', 'treatment', 'meds',
    'walker', 'follow', 'visit', 'screening', 'flare', 'episode', 'hospital', 'er', 'ed', 'pain', 'fever', 'nausea',
  ],
  why: 'condition, symptom or diagnosis',
});
