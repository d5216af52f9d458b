import { CLINICAL_MARKERS } from '../data/health/abbreviations.js';
import { VALUE_SHAPES, type ValueShape } from '../data/health/labs.js';
import type { Candidate, Recognizer } from '../recognizer.js';
import { CLEAR, contextReach, hitOf, NEAR_HEALTH, nearHealthTerm, QUALIFIER_ONLY, tagHealthTerms } from './health-terms.js';

// Words between a lab name and its value: "A1c of 9.4%", "creatinine was 1.6", "Hgb nadir 7.4".
const CONNECTOR = String.raw`(?:levels?|was|were|is|are|of|at|now|today|readings?|results?|nadir|peak|max|still|remains|remained|came back(?: at)?|back at|down to|up to|rose to|rose from|went from|up from|down from|from|fell to|dropped to|increased to|decreased to|improved to|in the|elevated|ranging from|running|averaging|score|score of|trended|trending|around|about|approx\.?|~)`;
const UNIT = String.raw`(?:%|mg\/dL|mg\/L|g\/dL|mmol\/L|mEq\/L|µmol\/L|umol\/L|ng\/mL|ng\/dL|pg\/mL|IU\/L|U\/L|mIU\/L|mIU\/mL|uIU\/mL|K\/uL|x10\^?\d\/[uµ]L|cells\/[uµ]L|mL\/min(?:\/1\.73[ \t]?m2)?|bpm|mmHg|mm Hg|° ?[FC]|degrees|lbs?|kg|pounds|mL|L\/min|sec|seconds|copies\/mL)`;
const FLAG = String.raw`(?:\((?:H|L|HH|LL|C|A|high|low|crit|critical|abnormal)\)|HH|LL|H|L|high|low|critical|irreg|irregular|regular)`;
const OXYGEN = String.raw`(?:on[ \t])?(?:RA|room air|\d{1,2}(?:\.\d)?[ \t]?(?:L|LPM|L\/min)(?:[ \t]?(?:NC|via NC|by NC|nasal cannula|FM|NRB|HFNC))?)`;

/** A value right after a lab name, sticky at the name's end. Every part is bounded, so matching stays linear. */
const VALUE = new RegExp(
  String.raw`(?:\+|[ \t]?\((?:serum|plasma|blood|urine|POC|fingerstick)\))?` +
    String.raw`(?:[ \t]{1,3}(?:${CONNECTOR}[ \t]{1,3}){1,3}|[ \t]{0,24}[:=]?[ \t]{0,3})` +
    String.raw`\(?(?<n>[<>]=?[ \t]?\d{1,4}(?:\.\d{1,3})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,3})?|\d{1,4}(?:\.\d{1,3})?)` +
    String.raw`s?(?<r>[ \t]?\/[ \t]?\d{2,3}s?)?\)?` +
    // Not a date, time, phone or version, and not a food label ("Sodium 140 mg").
    String.raw`(?![\p{N}:]|[\/.\-]\p{N}|[ \t]?(?:mg|mcg|g|kcal|cal|calories)(?![\p{L}\/]))` +
    String.raw`(?<u>[ \t]?${UNIT}(?![\p{L}]))?` +
    String.raw`(?:[ \t]{1,8}${FLAG}(?![\p{L}\p{N}\/]))?` +
    String.raw`(?:[ \t]{1,3}${OXYGEN}(?![\p{L}\p{N}]))?`,
  'iuy',
);

const SHAPE_TESTS: Readonly<Record<ValueShape, RegExp>> = {
  ratio: /^\d{2,3}$/,
  temperature: /^(?:3[4-9](?:\.\d)?|9\d(?:\.\d)?|10\d(?:\.\d)?)$/,
  decimal: /^\d{1,2}\.\d{1,2}$/,
  percent: /^(?:100|\d{1,2})(?:\.\d)?$/,
  saturation: /^(?:100|[5-9]\d)(?:\.\d)?$/,
  whole: /^\d{1,3}$/,
  weight: /^\d{1,3}(?:\.\d)?$/,
  sodium: /^1[0-7]\d$/,
  any: /^[<>=\s\d.,]+$/,
};

function plausiblePressure(systolic: string, rest: string): boolean {
  const s = Number(systolic);
  const d = Number(rest.replace(/\D/g, ''));
  return s >= 50 && s <= 300 && d >= 20 && d < s;
}

/** End of the value after a lab name at `from`, or `from` when none fits the name's shape. */
function valueEnd(text: string, from: number, shape: ValueShape, singleLetter: boolean): number {
  VALUE.lastIndex = from;
  const m = VALUE.exec(text);
  if (!m) return from;
  const n = m.groups!['n']!;
  const ratio = m.groups!['r'] !== undefined;
  if (ratio !== (shape === 'ratio')) return from;
  // A blood pressure is systolic over a lower diastolic ("142/88"), not a date ("10/12").
  if (ratio && !plausiblePressure(n, m.groups!['r']!)) return from;
  if (!SHAPE_TESTS[shape].test(n.replace(/^[<>]=?\s*/, ''))) return from;
  if (shape === 'weight' && !/lb|kg|pound/i.test(m.groups!['u'] ?? '')) return from;
  // "T 37.9" and "K 3.3" are vitals; a bare "T 12" or "K 40" is anything.
  if (singleLetter && !n.includes('.')) return from;
  return from + m[0].length;
}

const WITH_VALUE = 0.65;
const WHY = 'lab test, vital sign or result';
const WHY_VALUE = `${WHY} (with value)`;
const WHY_NEAR = `${WHY} (next to another health term)`;
const CONTEXT = [
  ...CLINICAL_MARKERS,
  'your', 'level', 'levels', 'lab', 'labs', 'check', 'checked', 'recheck', 'repeat', 'drawn', 'draw', 'ordered', 'results',
  'result', 'came back', 'critical', 'elevated', 'low', 'high', 'abnormal', 'normal', 'pending', 'serum', 'stat',
  'replacing', 'monitor', 'fasting',
];
const reach = contextReach(CONTEXT);

export const lab: Recognizer = {
  id: 'LAB_RESULT',
  kind: 'LAB',
  priority: 3,
  context: CONTEXT,
  find({ text, tokens, field }) {
    const out: Candidate[] = [];
    const tagged = tagHealthTerms(tokens, text);
    for (let j = 0; j < tagged.length; j++) {
      const { a, b, key, hits } = tagged[j]!;
      const hit = hitOf(hits, 'LAB');
      if (!hit) continue;
      const start = tokens[a]!.start;
      const nameEnd = tokens[b - 1]!.end;
      const end = valueEnd(text, nameEnd, VALUE_SHAPES[key] ?? 'any', b - a === 1 && tokens[a]!.text.length === 1);
      if (end > nameEnd) out.push({ start, end, kind: 'LAB', score: WITH_VALUE, recognizer: 'LAB_RESULT', why: WHY_VALUE });
      else if (hit.score >= CLEAR) out.push({ start, end: nameEnd, kind: 'LAB', score: hit.score, recognizer: 'LAB_RESULT', why: WHY });
      else if (hit.score === QUALIFIER_ONLY) continue;
      else if (nearHealthTerm(tagged, j, field === 'subject')) {
        out.push({ start, end: nameEnd, kind: 'LAB', score: NEAR_HEALTH, recognizer: 'LAB_RESULT', why: WHY_NEAR });
      } else if (reach(tokens, a, b)) out.push({ start, end: nameEnd, kind: 'LAB', score: hit.score, recognizer: 'LAB_RESULT', why: WHY });
    }
    return out;
  },
};
