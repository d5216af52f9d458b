import { CLINICAL_MARKERS } from '../data/health/abbreviations.js';
import { NOT_DRUG_BEFORE_DOSE } from '../data/health/medications.js';
import { defineHealthTerms } from './health-terms.js';

const notDrug = new Set(NOT_DRUG_BEFORE_DOSE);

export const medication = defineHealthTerms({
  id: 'MEDICATION_TERM',
  kind: 'MEDICATION',
  priority: 2,
  patterns: [
    {
      // A word the lists lack, followed by a dose ("Xyzumab 200 mg", "FUROSEMIDE 40 MG"): most likely a drug.
      name: 'name before a dose',
      regex: /\b(?<v>[A-Z][a-z]{3,24}|[a-z]{4,24}|[A-Z]{4,24})(?:[- ](?:XR|XL|ER|SR|CR|DR|ODT|HCT|DS))?[ \t]{1,2}\d{1,4}(?:[.,]\d{1,3})?(?:[ \t]?(?:-|to)[ \t]?\d{1,4}(?:\.\d{1,3})?)?[ \t]?(?:mg|mcg|µg|mEq|units?|IU|mL|MG|MCG|MEQ|UNITS?|ML)(?![\p{L}\p{N}])/u,
      score: 0.5,
      keep: (word) => !notDrug.has(word.toLowerCase()),
    },
  ],
  context: [
    ...CLINICAL_MARKERS,
    'mg', 'mcg', 'units', 'tablet', 'tablets', 'tab', 'capsule', 'daily', 'bid', 'tid', 'qhs', 'po', 'dose', 'prescribed',
    'prescription', 'taking', 'takes', 'started', 'stopped', 'discontinued', 'held', 'refill', 'pharmacy', 'allergy',
    'allergic', 'meds', 'medication', 'your', 'my', 'level',
  ],
  why: 'medication, drug class or prescription',
});
