import { CLINICAL_MARKERS } from '../data/health/abbreviations.js';
import { IMAGING_REGIONS } from '../data/health/anatomy.js';
import { IMAGING_MODALITIES } from '../data/health/procedures.js';
import { defineHealthTerms } from './health-terms.js';

const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/[ -]/g, '[ \\t-]')).join('|');
// After a modality: "CT head", "MRI lumbar spine without contrast", "x-ray of her left wrist".
const REGION = new RegExp(
  String.raw`(?:[ \t]+of(?:[ \t]+(?:the|his|her|your))?)?(?:[ \t]+(?:left|right|bilateral|L|R))?[ \t]+(?:${alternation(IMAGING_REGIONS)})(?:[ \t]+(?:with and without|without|with|w\/wo|w\/o|w\/|wo)[ \t]+(?:iv[ \t]+)?contrast)?(?![\p{L}\p{N}])`,
  'iu',
);

export const procedure = defineHealthTerms({
  id: 'PROCEDURE_TERM',
  kind: 'PROCEDURE',
  priority: 2,
  // "US" is ultrasound only in capitals ("us" is a pronoun); every other modality in any case.
  extension: { name: 'imaging study', heads: IMAGING_MODALITIES, tail: REGION, score: 0.6, keep: (v) => !/^us\b/i.test(v) || v.startsWith('US') },
  patterns: [
    // "&" joins no phrase in the word index, so these two-letter procedures are patterns.
    { name: 'ampersand abbreviation', regex: /(?<![\p{L}\p{N}])(?:I&D|D&C|D&E)(?![\p{L}\p{N}])/u, score: 0.6, trigger: /&/ },
    { name: 'transfused units', regex: /\btransfused[ \t]\d{1,2}[ \t](?:units?|u)(?:[ \t](?:of[ \t])?(?:PRBCs?|pRBCs?|packed red (?:blood )?cells|FFP|platelets))?/i, score: 0.6 },
  ],
  context: [
    ...CLINICAL_MARKERS,
    'your', 'ef', 'lvef', 'follow', 'repeat', 'scheduled', 'had', 'underwent', 'post-op', 'surgery', 'results', 'showed',
    'ordered', 'tooth', 'teeth', 'dental', 'hygienist', 'gum', 'x-rays', 'exam', 'seat', 'prep', 'premed', 'failed',
    'weeks', 'sessions', 'visits', 'eval', 'therapist', 'contrast', 'insurance', 'crown', 'buildup', 'cleaning', 'scaling',
    'extraction', 'implant', 'recommends', 'ot', 'pt',
  ],
  why: 'procedure, imaging, therapy or dental work',
});
