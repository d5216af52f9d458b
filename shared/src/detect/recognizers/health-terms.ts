import { CARE_ABBREVIATIONS, CONDITION_ABBREVIATIONS, MEDICATION_ABBREVIATIONS, PROCEDURE_ABBREVIATIONS } from '../data/health/abbreviations.js';
import { CARE_BLOCK, CARE_NEED_CONTEXT, CARE_TERMS } from '../data/health/care.js';
import { CONDITION_BLOCK, CONDITIONS, CONDITIONS_NEED_CONTEXT } from '../data/health/conditions.js';
import { LAB_ANALYTES, LAB_TESTS, LAB_VALUE_ONLY } from '../data/health/labs.js';
import { MEDICATION_BLOCK, MEDICATIONS, MEDICATIONS_NEED_CONTEXT } from '../data/health/medications.js';
import { IMAGING_MODALITIES, PROCEDURE_BLOCK, PROCEDURES, PROCEDURES_NEED_CONTEXT } from '../data/health/procedures.js';
import type { HealthKind } from '../kinds.js';
import { PhraseIndex } from '../lexicon.js';
import type { Candidate, Pattern, Recognizer } from '../recognizer.js';
import { phraseWords, type Token } from '../text.js';

/** Base scores: a clinical term stands alone; an everyday word needs a context word (+0.35). */
export const CLEAR = 0.6;
export const NEEDS_CONTEXT = 0.3;
/** An everyday word next to a clear health term ("cleaning" after "amoxicillin", "Referral: … mesiodens"). */
export const NEAR_HEALTH = 0.5;
/** A name that only counts with what follows it: a value ("K 3.3") or a body region ("US abdomen"). */
export const QUALIFIER_ONLY = 0;

interface Tier {
  readonly terms: readonly string[];
  readonly score: number;
}

interface TermSet {
  readonly kind: HealthKind;
  readonly tiers: readonly Tier[];
  /** Everyday phrases that hold a term ("cold chain", "lithium battery"): no finding inside them. */
  readonly block: readonly string[];
}

// Every health word list in one index: one pass over the tokens serves all recognizers, and the
// longest phrase wins across kinds ("heart failure clinic" is care, "lithium level" a lab).
const SETS: readonly TermSet[] = [
  {
    kind: 'CONDITION',
    tiers: [
      { terms: [...CONDITIONS, ...CONDITION_ABBREVIATIONS.strong], score: CLEAR },
      { terms: [...CONDITIONS_NEED_CONTEXT, ...CONDITION_ABBREVIATIONS.weak], score: NEEDS_CONTEXT },
    ],
    block: CONDITION_BLOCK,
  },
  {
    kind: 'MEDICATION',
    tiers: [
      { terms: [...MEDICATIONS, ...MEDICATION_ABBREVIATIONS.strong], score: CLEAR },
      { terms: [...MEDICATIONS_NEED_CONTEXT, ...MEDICATION_ABBREVIATIONS.weak], score: NEEDS_CONTEXT },
    ],
    block: MEDICATION_BLOCK,
  },
  {
    kind: 'PROCEDURE',
    tiers: [
      { terms: [...PROCEDURES, ...PROCEDURE_ABBREVIATIONS.strong], score: CLEAR },
      { terms: [...PROCEDURES_NEED_CONTEXT, ...PROCEDURE_ABBREVIATIONS.weak], score: NEEDS_CONTEXT },
      { terms: IMAGING_MODALITIES, score: QUALIFIER_ONLY },
    ],
    block: PROCEDURE_BLOCK,
  },
  {
    kind: 'CARE',
    tiers: [
      { terms: [...CARE_TERMS, ...CARE_ABBREVIATIONS.strong], score: CLEAR },
      { terms: [...CARE_NEED_CONTEXT, ...CARE_ABBREVIATIONS.weak], score: NEEDS_CONTEXT },
    ],
    block: CARE_BLOCK,
  },
  {
    kind: 'LAB',
    tiers: [
      { terms: LAB_TESTS, score: CLEAR },
      { terms: LAB_ANALYTES, score: NEEDS_CONTEXT },
      { terms: LAB_VALUE_ONLY, score: QUALIFIER_ONLY },
    ],
    block: [],
  },
];

interface Hit {
  readonly kind: HealthKind;
  readonly score: number;
  /** Tokens as written, for short all-caps abbreviations that match case-sensitively. */
  readonly exact: readonly string[] | null;
}

/** A phrase of the health index found in a field: tokens [a, b) and the kinds it belongs to. */
export interface Tagged {
  readonly a: number;
  readonly b: number;
  /** The phrase's words, lower-cased and space-joined. */
  readonly key: string;
  readonly hits: readonly Hit[];
}

// PhraseIndex's rule: all-caps terms of up to five characters match only as written.
const isAbbreviation = (term: string) => term.length <= 5 && /\p{Lu}/u.test(term) && term === term.toUpperCase();

/** Hits for a phrase key, also when its last word is plural ("seizures", "ulcers", "therapies"); PhraseIndex strips plurals the same way. */
function lookup(hits: ReadonlyMap<string, Hit[]>, key: string): Hit[] | undefined {
  const found = hits.get(key);
  if (found || !key.endsWith('s')) return found;
  if (key.endsWith('ies')) return hits.get(`${key.slice(0, -3)}y`) ?? hits.get(key.slice(0, -1));
  return hits.get(key.slice(0, -1)) ?? (key.endsWith('es') ? hits.get(key.slice(0, -2)) : undefined);
}

function buildIndex(): { index: PhraseIndex; hits: Map<string, Hit[]>; phraseStarts: Set<string> } {
  const hits = new Map<string, Hit[]>();
  // One spelling per phrase ("follow-up" and "follow up" are the same words); abbreviations keep their case.
  const all = new Map<string, string>();
  // First words of multi-word phrases: only there is the phrase index needed; a single word is a map lookup.
  const phraseStarts = new Set<string>();
  const add = (term: string, kind: HealthKind, score: number | null) => {
    const words = phraseWords(term);
    if (words.length === 0) return;
    const key = words.join(' ');
    const abbreviation = isAbbreviation(term);
    all.set(abbreviation ? term : key, term);
    if (words.length > 1) phraseStarts.add(words[0]!);
    const list = hits.get(key) ?? [];
    hits.set(key, list);
    const i = list.findIndex((h) => h.kind === kind);
    if (score === null) {
      // A block phrase that is itself a listed form ("operations") is not this kind.
      if (i >= 0) list.splice(i, 1);
      return;
    }
    const hit = { kind, score, exact: abbreviation ? term.match(/[\p{L}\p{N}]+/gu) : null };
    // One hit per kind: the higher score, and case-insensitive if any spelling is.
    if (i < 0) list.push(hit);
    else list[i] = { kind, score: Math.max(score, list[i]!.score), exact: hit.exact && list[i]!.exact };
  };
  for (const set of SETS) for (const tier of set.tiers) for (const term of tier.terms) add(term, set.kind, tier.score);
  for (const set of SETS) for (const term of set.block) add(term, set.kind, null);
  return { index: new PhraseIndex([...all.values()]), hits, phraseStarts };
}

let built: ReturnType<typeof buildIndex> | undefined;
// The pipeline hands every recognizer the same token array for a field, so the field is indexed once
// (a one-entry cache: it only holds the last field scanned).
let lastTokens: readonly Token[] | undefined;
let lastTagged: readonly Tagged[] = [];

/** Health phrases in a field (longest first, non-overlapping), shared by the health recognizers. */
export function tagHealthTerms(tokens: readonly Token[], text: string): readonly Tagged[] {
  if (tokens === lastTokens) return lastTagged;
  built ??= buildIndex();
  const { index, hits: byKey, phraseStarts } = built;
  const tagged: Tagged[] = [];
  for (let a = 0; a < tokens.length; ) {
    const lower = tokens[a]!.lower;
    const n = phraseStarts.has(lower) ? index.matchAt(tokens, a, text) : lookup(byKey, lower) ? 1 : 0;
    if (n === 0) {
      a++;
      continue;
    }
    const b = a + n;
    let key = tokens[a]!.lower;
    for (let i = a + 1; i < b; i++) key += ' ' + tokens[i]!.lower;
    const hits = lookup(byKey, key) ?? [];
    const fitting = hits.filter((h) => h.exact === null || h.exact.every((w, k) => tokens[a + k]?.text === w));
    if (fitting.length > 0) tagged.push({ a, b, key, hits: fitting });
    a = b;
  }
  lastTokens = tokens;
  lastTagged = tagged;
  return tagged;
}

const NEAR_BEFORE = 6;
const NEAR_AFTER = 3;

/**
 * Whether a clear health term stands within a few words of tagged[j] (anywhere in a subject line,
 * which is too short to say more): an everyday word beside a diagnosis or drug is clinical.
 */
export function nearHealthTerm(tagged: readonly Tagged[], j: number, wholeField: boolean): boolean {
  const { a, b } = tagged[j]!;
  const clear = (t: Tagged) => t.hits.some((h) => h.score >= CLEAR);
  for (let k = j - 1; k >= 0 && (wholeField || tagged[k]!.b > a - NEAR_BEFORE); k--) if (clear(tagged[k]!)) return true;
  for (let k = j + 1; k < tagged.length && (wholeField || tagged[k]!.a < b + NEAR_AFTER); k++) if (clear(tagged[k]!)) return true;
  return false;
}

// Wider than the pipeline's context window (6 before, 3 after), so this only skips what could never be boosted.
const REACH_BEFORE = 8;
const REACH_AFTER = 5;

/** Cheap test that some context phrase could start near tokens [a, b): its first word is in reach. */
export function contextReach(context: readonly string[]): (tokens: readonly Token[], a: number, b: number) => boolean {
  const firsts = new Set(context.map((c) => phraseWords(c)[0]).filter((w): w is string => w !== undefined));
  return (tokens, a, b) => {
    for (let i = Math.max(0, a - REACH_BEFORE); i < Math.min(tokens.length, b + REACH_AFTER); i++) {
      if ((i < a || i >= b) && firsts.has(tokens[i]!.lower)) return true;
    }
    return false;
  };
}

/** What may follow some of a kind's phrases and joins their span ("CT" + " of the head"). */
export interface Extension {
  readonly name: string;
  /** Phrases (as listed) that take the tail. */
  readonly heads: readonly string[];
  /** Sticky regex tried at the phrase's end. */
  readonly tail: RegExp;
  readonly score: number;
  /** Optional veto on the whole extended span. */
  readonly keep?: (value: string) => boolean;
}

export interface HealthTermsSpec {
  readonly id: string;
  readonly kind: HealthKind;
  readonly priority?: number;
  readonly extension?: Extension;
  /** Shapes a word list cannot hold ("pain 7/10", "3 more visits"); `keep` can veto the value. */
  readonly patterns?: readonly (Pattern & { readonly keep?: (value: string) => boolean })[];
  readonly context: readonly string[];
  readonly why: string;
}

/** A health-term recognizer: its kind's phrases from the shared index, plus a few patterns. */
export function defineHealthTerms(spec: HealthTermsSpec): Recognizer {
  const patterns = (spec.patterns ?? []).map((p) => ({ ...p, regex: new RegExp(p.regex.source, [...new Set(p.regex.flags + 'gd')].join('')) }));
  const reach = contextReach(spec.context);
  const ext = spec.extension;
  const heads = new Set(ext?.heads.map((h) => phraseWords(h).join(' ')));
  const tail = ext && new RegExp(ext.tail.source, [...new Set(ext.tail.flags + 'y')].join(''));
  return {
    id: spec.id,
    kind: spec.kind,
    priority: spec.priority ?? 0,
    context: spec.context,
    find({ text, tokens, field }) {
      const out: Candidate[] = [];
      const tagged = tagHealthTerms(tokens, text);
      for (let j = 0; j < tagged.length; j++) {
        const { a, b, key, hits } = tagged[j]!;
        const hit = hits.find((h) => h.kind === spec.kind);
        if (!hit) continue;
        const start = tokens[a]!.start;
        const end = tokens[b - 1]!.end;
        if (ext && tail && heads.has(key)) {
          tail.lastIndex = end;
          const m = tail.exec(text);
          if (m && (!ext.keep || ext.keep(text.slice(start, end + m[0].length)))) {
            out.push({ start, end: end + m[0].length, kind: spec.kind, score: ext.score, recognizer: spec.id, why: `${spec.why} (${ext.name})` });
            continue;
          }
        }
        if (hit.score === QUALIFIER_ONLY) continue;
        if (hit.score >= CLEAR) {
          out.push({ start, end, kind: spec.kind, score: hit.score, recognizer: spec.id, why: spec.why });
        } else if (nearHealthTerm(tagged, j, field === 'subject')) {
          out.push({ start, end, kind: spec.kind, score: NEAR_HEALTH, recognizer: spec.id, why: `${spec.why} (next to another health term)` });
        } else if (reach(tokens, a, b)) {
          out.push({ start, end, kind: spec.kind, score: hit.score, recognizer: spec.id, why: spec.why });
        }
      }
      // A pattern match that starts where a listed phrase already covers it adds nothing ("furosemide" before "40 mg").
      const listed = new Map(out.map((c) => [c.start, c.end]));
      for (const p of patterns) {
        for (const m of text.matchAll(p.regex)) {
          const [start, end] = m.indices?.groups?.['v'] ?? m.indices![0]!;
          if ((listed.get(start) ?? -1) >= end) continue;
          if (p.keep && !p.keep(text.slice(start, end))) continue;
          out.push({ start, end, kind: spec.kind, score: p.score, recognizer: spec.id, why: `${spec.why} (${p.name})` });
        }
      }
      return out;
    },
  };
}
