import { CODE_ANCHORS, CODE_VETO_BEFORE, COMMON_CDT, COMMON_CPT, COMMON_HCPCS, COMMON_ICD10 } from '../data/health/codes.js';
import { PhraseIndex } from '../lexicon.js';
import type { Candidate, Recognizer } from '../recognizer.js';
import { phraseWords, tokenIndexAt, type Token } from '../text.js';
import { CLEAR, tagHealthTerms, type Tagged } from './health-terms.js';

// Code shapes: ICD-10-CM (letter, digit, digit or A/B, optional "." and up to 4 more, X placeholders,
// 7th character A/D/S; SEER structure, U07.1 since 2020), CPT (5 digits; 4 digits + F or T),
// HCPCS Level II (letter A-V + 4 digits) and CDT (D + 4 digits). Adjacent letters, digits or joiners
// mean a longer identifier (part, phone, date, version), never a code.
const SHAPE = /(?<![\p{L}\p{N}$@_\\/.\-])(?:[A-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?|\d{4}[0-9FT]|[A-V]\d{4})(?![\p{L}\p{N}_@]|[./\\\-][\p{L}\p{N}]|,\d)/gu;

const ICD = /^[A-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?$/;
// Injury and external-cause codes carry a 7th character (A/D/S), padded with X: S13.4XXA, W19.XXXA, T40.2X1A.
const ICD_SEVEN = /^(?:[STVWXY]\d\d\.[0-9A-Z]{3}|[A-Z]\d[0-9AB]\.[0-9A-Z]{0,2}X[0-9A-Z]{0,2})[ADS]$/;
const known = new Set([...COMMON_ICD10, ...COMMON_CPT, ...COMMON_HCPCS, ...COMMON_CDT]);

/** Base score from the shape alone: a code on the common list, or with a 7th character, needs less help. */
function shapeScore(code: string): { score: number; what: string } {
  const common = known.has(code);
  if (/^\d{5}$/.test(code)) return { score: common ? 0.2 : 0.1, what: 'CPT code' };
  if (/^\d{4}[FT]$/.test(code)) return { score: common ? 0.3 : 0.2, what: 'CPT category II/III code' };
  if (/^D\d{4}$/.test(code)) return { score: common ? 0.45 : 0.25, what: 'CDT dental code' };
  if (/^[A-V]\d{4}$/.test(code)) return { score: common ? 0.45 : 0.25, what: 'HCPCS code' };
  if (ICD.test(code)) {
    // A three-character category alone ("C99", "I10") is a code only when it is a common one.
    if (!code.includes('.')) return { score: common ? 0.3 : 0, what: 'ICD-10-CM code' };
    if (ICD_SEVEN.test(code) && code.length === 8) return { score: 0.55, what: 'ICD-10-CM code' };
    return { score: common ? 0.45 : 0.3, what: 'ICD-10-CM code' };
  }
  return { score: 0, what: '' };
}

const NEAR = CODE_ANCHORS.map(phraseWords);
const NEAR_BEFORE = 6;
const NEAR_AFTER = 3;

/** Words anywhere within a few lines that make a code list a billing context (a remit table, a Dx line). */
// Abbreviations as written ("DOS" is date of service, "dos" is not); words in any case.
const AROUND = /\b(?:CPT|HCPCS|CDT|ICD(?:-?10(?:-CM)?)?|Dx|DX|EOB|DOS|(?:[Dd]iagnosis|[Pp]rocedure|[Bb]illing) [Cc]odes?|[Bb]illed|BILLED|[Rr]ebill|[Ss]uperbill|[Rr]emit(?:tance)?|REMIT|[Mm]odifiers?|[Dd]ate of [Ss]ervice)\b/g;
const AROUND_BEFORE = 300;
const AROUND_AFTER = 100;

/** Where billing words stand in the text (an exec loop: matchAll would clone the regex). */
function billingWords(text: string): number[] {
  const at: number[] = [];
  AROUND.lastIndex = 0;
  for (let m = AROUND.exec(text); m !== null; m = AROUND.exec(text)) at.push(m.index);
  return at;
}

const veto = new PhraseIndex(CODE_VETO_BEFORE);
// A two-letter state before five digits is a ZIP ("OH 43990").
const STATE = /^(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])$/;

function hasWordNear(tokens: readonly Token[], first: number, last: number): boolean {
  const from = Math.max(0, first - NEAR_BEFORE);
  const to = Math.min(tokens.length, last + NEAR_AFTER);
  for (const words of NEAR) {
    for (let i = from; i + words.length <= to; i++) {
      if (i + words.length > first && i < last) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = tokens[i + k]!.lower === words[k];
      if (ok) return true;
    }
  }
  return false;
}

function healthTermNear(tagged: readonly Tagged[], first: number, last: number): boolean {
  return tagged.some((t) => t.b > first - NEAR_BEFORE && t.a < last + NEAR_AFTER && (t.b <= first || t.a >= last) && t.hits.some((h) => h.score >= CLEAR));
}

function vetoed(tokens: readonly Token[], first: number, text: string, start: number): boolean {
  if (/\$\s?$/.test(text.slice(Math.max(0, start - 2), start))) return true;
  const prev = tokens[first - 1];
  if (prev && STATE.test(prev.text) && /^\d{5}$/.test(tokens[first]!.text)) return true;
  for (let i = Math.max(0, first - 3); i < first; i++) {
    const n = veto.matchAt(tokens, i, text);
    if (n > 0 && i + n === first) return true;
  }
  return false;
}

export const code: Recognizer = {
  id: 'MEDICAL_CODE',
  kind: 'CODE',
  priority: 4,
  // Context is weighed here (near words, and billing words a few lines around), not by the pipeline.
  context: [],
  find({ text, tokens }) {
    const out: Candidate[] = [];
    let around: number[] | undefined;
    SHAPE.lastIndex = 0;
    for (let m = SHAPE.exec(text); m !== null; m = SHAPE.exec(text)) {
      const value = m[0];
      const { score: base, what } = shapeScore(value);
      if (base === 0) continue;
      const start = m.index;
      const end = start + value.length;
      const first = tokenIndexAt(tokens, start);
      let last = first;
      while (last < tokens.length && tokens[last]!.start < end) last++;
      if (vetoed(tokens, first, text, start)) continue;
      let score = base;
      let why = `${what} shape`;
      if (hasWordNear(tokens, first, last)) {
        score = Math.min(1, base + 0.45);
        why = `${what} next to a billing or diagnosis word`;
      } else if (healthTermNear(tagHealthTerms(tokens, text), first, last)) {
        // Microsoft Purview's ICD rule in spirit: a health term beside the code ("headache (R51.9)").
        score = base + 0.3;
        why = `${what} beside a health term`;
      } else if ((around ??= billingWords(text)).some((i) => i >= start - AROUND_BEFORE && i <= end + AROUND_AFTER)) {
        score = base + 0.3;
        why = `${what} in a billing context`;
      }
      out.push({ start, end, kind: 'CODE', score, recognizer: 'MEDICAL_CODE', why });
    }
    return out;
  },
};
