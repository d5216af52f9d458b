import { CARE_ABBREVIATIONS, CONDITION_ABBREVIATIONS, MEDICATION_ABBREVIATIONS, PROCEDURE_ABBREVIATIONS } from '../data/health/abbreviations.js';
import { CARE_BLOCK, CARE_NEED_CONTEXT, CARE_TERMS } from '../data/health/care.js';
import { CONDITION_BLOCK, CONDITIONS, CONDITIONS_NEED_CONTEXT } from '../data/health/conditions.js';
import { LAB_ANALYTES, LAB_TESTS, LAB_VALUE_ONLY } from '../data/health/labs.js';
import { MEDICATION_BLOCK, MEDICATIONS, MEDICATIONS_NEED_CONTEXT } from '../data/health/medications.js';
import { IMAGING_MODALITIES, PROCEDURE_BLOCK, PROCEDURES, PROCEDURES_NEED_CONTEXT } from '../data/health/procedures.js';
import type { HealthKind } from '../kinds.js';
import { isAbbreviation, PhraseIndex } from '../lexicon.js';
import { compilePattern, forEachMatch, type Candidate, type Pattern, type Recognizer } from '../recognizer.js';
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

/** A word list and what its terms are: a kind and tier score, or null for a block list. */
interface TermList {
  readonly terms: readonly string[];
  readonly kind: HealthKind;
  readonly score: number | null;
}

// Every list in indexing order: all tiers, then all blocks (a block removes what a tier listed).
const LISTS: readonly TermList[] = [
  ...SETS.flatMap((set) => set.tiers.map((tier) => ({ terms: tier.terms, kind: set.kind, score: tier.score }))),
  ...SETS.map((set) => ({ terms: set.block, kind: set.kind, score: null })),
];

interface WordEntry {
  /** Hits of this word as a one-word phrase. */
  hits: Hit[] | undefined;
  /** A longer phrase starts with this word: the phrase index decides how far it reaches. */
  startsPhrase: boolean;
  /** Places, in LISTS order, of the terms that start with this word and are not indexed yet. */
  pending: number[] | undefined;
}

/**
 * The health lists hold about ten thousand phrases; indexing them all would hold up the first scan.
 * Phrases are grouped by first word up front (cheap), and a group is indexed the first time a text
 * contains its word. Every phrase with a given key shares that key's first word, so indexing a group
 * in list order gives its keys the same hits as indexing everything in list order would.
 */
class HealthIndex {
  /** Hits per phrase key of the indexed groups; a block phrase may leave an empty list. */
  private readonly hits = new Map<string, Hit[]>();
  private readonly words = new Map<string, WordEntry>();
  readonly phrases = new PhraseIndex();
  // One spelling per phrase ("follow-up" and "follow up" are the same words); abbreviations keep their case.
  private readonly spellings = new Set<string>();

  constructor() {
    let at = 0;
    for (const list of LISTS) {
      for (const term of list.terms) {
        const first = firstWord(term);
        if (first !== undefined) (this.entry(first).pending ??= []).push(at);
        at++;
      }
    }
  }

  /** The word's entry, its group indexed; undefined when no phrase starts with it. */
  word(word: string): WordEntry | undefined {
    const entry = this.words.get(word);
    if (entry?.pending) {
      const pending = entry.pending;
      entry.pending = undefined;
      let list = 0;
      let offset = 0;
      for (const at of pending) {
        while (at >= offset + LISTS[list]!.terms.length) offset += LISTS[list++]!.terms.length;
        this.add(LISTS[list]!.terms[at - offset]!, LISTS[list]!);
      }
    }
    return entry;
  }

  /** Hits for a phrase key, also when its last word is plural ("seizures", "ulcers", "therapies"); PhraseIndex strips plurals the same way. */
  lookup(key: string): Hit[] | undefined {
    return this.hitsOf(key) ?? this.lookupPlural(key);
  }

  lookupPlural(key: string): Hit[] | undefined {
    if (!key.endsWith('s')) return undefined;
    if (key.endsWith('ies')) return this.hitsOf(`${key.slice(0, -3)}y`) ?? this.hitsOf(key.slice(0, -1));
    return this.hitsOf(key.slice(0, -1)) ?? (key.endsWith('es') ? this.hitsOf(key.slice(0, -2)) : undefined);
  }

  // A one-word key is its own first word, whose group may not be indexed yet; a longer key's group is
  // indexed before the phrase index can find it.
  private hitsOf(key: string): Hit[] | undefined {
    return key.includes(' ') ? this.hits.get(key) : this.word(key)?.hits;
  }

  private entry(word: string): WordEntry {
    let entry = this.words.get(word);
    if (!entry) this.words.set(word, (entry = { hits: undefined, startsPhrase: false, pending: undefined }));
    return entry;
  }

  private add(term: string, { kind, score }: TermList): void {
    const termWords = phraseWords(term);
    const key = termWords.length === 1 ? termWords[0]! : termWords.join(' ');
    const abbreviation = isAbbreviation(term);
    const spelling = abbreviation ? term : key;
    if (!this.spellings.has(spelling)) {
      this.spellings.add(spelling);
      this.phrases.add(term, termWords);
    }
    let list = this.hits.get(key);
    if (!list) {
      this.hits.set(key, (list = []));
      if (termWords.length === 1) this.entry(key).hits = list;
    }
    // Only at the first word of a multi-word phrase is the phrase index needed; a single word is a map lookup.
    if (termWords.length > 1) this.entry(termWords[0]!).startsPhrase = true;
    let i = list.length - 1;
    while (i >= 0 && list[i]!.kind !== kind) i--;
    if (score === null) {
      // A block phrase that is itself a listed form ("operations") is not this kind.
      if (i >= 0) list.splice(i, 1);
      return;
    }
    const hit = { kind, score, exact: abbreviation ? term.match(/[\p{L}\p{N}]+/gu) : null };
    // One hit per kind: the higher score, and case-insensitive if any spelling is.
    if (i < 0) list.push(hit);
    else list[i] = { kind, score: Math.max(score, list[i]!.score), exact: hit.exact && list[i]!.exact };
  }
}

const NOT_LOWER_WORD = /[^a-z0-9]/;

/** phraseWords(term)[0], found with one native search when the term starts with a lower-case ASCII word. */
function firstWord(term: string): string | undefined {
  const i = term.search(NOT_LOWER_WORD);
  if (i < 0) return term === '' ? undefined : term;
  const c = term.charCodeAt(i);
  // Stopped at a space or ASCII punctuation: the tokenizer ends the first word there too.
  if (i > 0 && c < 128 && !(c >= 65 && c <= 90)) return term.slice(0, i);
  return phraseWords(term)[0];
}

let built: HealthIndex | undefined;
// The pipeline hands every recognizer the same token array for a field, so the field is indexed once
// (a one-entry cache: it only holds the last field scanned).
let lastTokens: readonly Token[] | undefined;
let lastTagged: readonly Tagged[] = [];

/** Health phrases in a field (longest first, non-overlapping), shared by the health recognizers. */
export function tagHealthTerms(tokens: readonly Token[], text: string): readonly Tagged[] {
  if (tokens === lastTokens) return lastTagged;
  const index = (built ??= new HealthIndex());
  const tagged: Tagged[] = [];
  for (let a = 0; a < tokens.length; ) {
    const lower = tokens[a]!.lower;
    const word = index.word(lower);
    // Every one-word key has an entry, so a word without one can only be a plural.
    const n = word?.startsPhrase ? index.phrases.matchAt(tokens, a, text) : word?.hits || index.lookupPlural(lower) ? 1 : 0;
    if (n === 0) {
      a++;
      continue;
    }
    const b = a + n;
    let key = lower;
    for (let i = a + 1; i < b; i++) key += ' ' + tokens[i]!.lower;
    const hits = (n === 1 && word?.hits) || index.lookup(key) || [];
    const fitting = fittingHits(hits, tokens, a);
    if (fitting.length > 0) tagged.push({ a, b, key, hits: fitting });
    a = b;
  }
  lastTokens = tokens;
  lastTagged = tagged;
  return tagged;
}

/** The hit of one kind, if the phrase is that kind. */
export function hitOf(hits: readonly Hit[], kind: HealthKind): Hit | undefined {
  for (const h of hits) if (h.kind === kind) return h;
  return undefined;
}

/** The hits whose case-sensitive spelling, if any, is how the tokens are written. */
function fittingHits(hits: readonly Hit[], tokens: readonly Token[], a: number): readonly Hit[] {
  // Most phrases have no case-sensitive spelling: their hit list is shared as it is.
  let caseless = true;
  for (const h of hits) if (h.exact !== null) caseless = false;
  return caseless ? hits : hits.filter((h) => h.exact === null || h.exact.every((w, k) => tokens[a + k]?.text === w));
}

const NEAR_BEFORE = 6;
const NEAR_AFTER = 3;

/**
 * Whether a clear health term stands within a few words of tagged[j] (anywhere in a subject line,
 * which is too short to say more): an everyday word beside a diagnosis or drug is clinical.
 */
export function nearHealthTerm(tagged: readonly Tagged[], j: number, wholeField: boolean): boolean {
  const { a, b } = tagged[j]!;
  for (let k = j - 1; k >= 0 && (wholeField || tagged[k]!.b > a - NEAR_BEFORE); k--) if (clear(tagged[k]!)) return true;
  for (let k = j + 1; k < tagged.length && (wholeField || tagged[k]!.a < b + NEAR_AFTER); k++) if (clear(tagged[k]!)) return true;
  return false;
}

// A module function, not a closure per call (nearHealthTerm runs for every everyday word found).
function clear(t: Tagged): boolean {
  return t.hits.some((h) => h.score >= CLEAR);
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
  // Reasons are built once, not per match.
  const patterns = (spec.patterns ?? []).map((p) => ({ ...compilePattern(p), why: `${spec.why} (${p.name})` }));
  const whyNear = `${spec.why} (next to another health term)`;
  const reach = contextReach(spec.context);
  const ext = spec.extension;
  const whyExtended = ext ? `${spec.why} (${ext.name})` : spec.why;
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
        const hit = hitOf(hits, spec.kind);
        if (!hit) continue;
        const start = tokens[a]!.start;
        const end = tokens[b - 1]!.end;
        if (ext && tail && heads.has(key)) {
          tail.lastIndex = end;
          const m = tail.exec(text);
          if (m && (!ext.keep || ext.keep(text.slice(start, end + m[0].length)))) {
            out.push({ start, end: end + m[0].length, kind: spec.kind, score: ext.score, recognizer: spec.id, why: whyExtended });
            continue;
          }
        }
        if (hit.score === QUALIFIER_ONLY) continue;
        if (hit.score >= CLEAR) {
          out.push({ start, end, kind: spec.kind, score: hit.score, recognizer: spec.id, why: spec.why });
        } else if (nearHealthTerm(tagged, j, field === 'subject')) {
          out.push({ start, end, kind: spec.kind, score: NEAR_HEALTH, recognizer: spec.id, why: whyNear });
        } else if (reach(tokens, a, b)) {
          out.push({ start, end, kind: spec.kind, score: hit.score, recognizer: spec.id, why: spec.why });
        }
      }
      // A pattern match that starts where a listed phrase already covers it adds nothing ("furosemide" before "40 mg").
      let listed: Map<number, number> | undefined;
      for (const p of patterns) {
        forEachMatch(p, text, (start, end) => {
          listed ??= new Map(out.map((c) => [c.start, c.end]));
          if ((listed.get(start) ?? -1) >= end) return;
          if (p.keep && !p.keep(text.slice(start, end))) return;
          out.push({ start, end, kind: spec.kind, score: p.score, recognizer: spec.id, why: p.why });
        });
      }
      return out;
    },
  };
}
