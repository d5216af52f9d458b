import {
  CREDENTIALS,
  FAMILY_WORDS,
  ORG_WORDS,
  PATIENT_VERBS,
  PATIENT_WORDS,
  PERSON_TITLES,
  PLACE_PREFIXES,
  PLACE_SURNAMES,
  PROVIDER_LABELS,
  PROVIDER_TITLES,
} from '../data/names/cues.js';
import { nameLists, type NameLists } from '../data/names/index.js';
import type { Candidate, Recognizer, RecognizerInput } from '../recognizer.js';

const ID = 'PERSON_NAME';

interface Word {
  readonly start: number;
  /** Includes the period of an initial ("J."). */
  readonly end: number;
  /** Lower case, accents removed: the key into the name lists. */
  readonly key: string;
  readonly shape: 'title' | 'upper' | 'initial';
  /** On a line written in capitals, where case says nothing. */
  readonly caps: boolean;
  readonly possessive: boolean;
}

interface Found {
  start: number;
  end: number;
  score: number;
  why: string;
  keys: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, String.raw`\s+`);
const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

// A capitalised word; not inside an email, merge field ({{first_name}}) or identifier (a_b, x.y, A1).
const WORD = /(?<![\p{L}\p{M}\p{N}_@./{\\])\p{Lu}(?:\p{L}?['’](?=\p{Lu}\p{L}))?[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@{}]|\.\p{L})/gu;
// All anchors below look at the text on the same line just before (or after) a name.
const PERSON_TITLE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alt(PERSON_TITLES)})\.?\s+$`, 'iu');
const PROVIDER = new RegExp(String.raw`(?:^|[^\p{L}])(?:(?:${alt(PROVIDER_TITLES)})\.?\s*|(?:${alt(PROVIDER_LABELS)})\s*:\s*)$`, 'iu');
const FAMILY = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alt(FAMILY_WORDS)})(?:['’]s)?\s*[:,(]?\s*$`, 'iu');
// Strong: whatever capitalised words follow are the patient's name.
const PATIENT = /(?:^|[^\p{L}])(?:pt|patient|resident|client|claimant|beneficiary|subscriber|enrollee|message from)(?:['’]s)?\s*(?:(?:is|was)\s+)?[:#,-]?\s*$/iu;
// Weak: a name only when the lists agree ("Re: Payment plan" is not one).
const LABEL = /(?:^|[^\p{L}])(?:re|regarding|name|caller|member|insured|guarantor)\s*[:#,-]?\s*$/iu;
const INITIALS = /(?<![\p{L}])(?:pt|patient|resident|client)\.?:?\s+(?<v>(?:\p{Lu}\.){2,3})/giu;
const CREDENTIAL_AFTER = new RegExp(String.raw`^\s*,?\s*(?:${alt(CREDENTIALS)})(?![\p{L}\p{N}-])`, 'u');
const ID_AFTER = /^\s*[,(]?\s*(?:DOB\b|D\.O\.B|date of birth|MRN\b|MR#|member\s*(?:id|#)|patient\s*id|acct\b|account\b|\d{1,3}\s?(?:yo|y\/o|y\.o\.|-year-old|F|M)\b|\d{1,3}\s*,)/i;
const STATE_AFTER = /^\s*,\s*[A-Z]{2}\b(?!-)/;
const PLACE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${PLACE_PREFIXES.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('|')})\.?\s+$`, 'u');
const VERB_AFTER = new RegExp(String.raw`^(?:\s*\([^()\n]{1,40}\))?\s+(?:${alt(PATIENT_VERBS)})\b`, 'iu');
const SUBJECT_SEPARATOR = /\s+[-–—|]\s+|[:;,()[\]]\s*|\s+\/\s+/;

const orgWords: ReadonlySet<string> = new Set(ORG_WORDS);
// Words that anchor a name ("wife", "pt", "Mrs", "Dr") are never part of it.
const anchorWords: ReadonlySet<string> = new Set([...FAMILY_WORDS, ...PATIENT_WORDS, ...PERSON_TITLES, ...PROVIDER_TITLES]);
const placeSurnames: ReadonlySet<string> = new Set(PLACE_SURNAMES);

const foldKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");

/** Lines written in capitals ("PT'S HUSBAND TOBY PHONED"): more than 85% of at least 12 letters. */
function capsLines(text: string): (offset: number) => boolean {
  const starts: number[] = [];
  const caps: boolean[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const letters = line.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    starts.push(start);
    caps.push(letters.length >= 12 && upper / letters.length > 0.85);
    start += line.length + 1;
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return caps[lo]!;
  };
}

function words(text: string): Word[] {
  const isCaps = capsLines(text);
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    let end = start + raw.length;
    let shape: Word['shape'];
    if (raw.length === 1) {
      // A lone capital is an initial only with its period ("J."); "I" and "M" (sex) are not names.
      if (text[end] !== '.') continue;
      end++;
      shape = 'initial';
    } else shape = raw === raw.toUpperCase() ? 'upper' : 'title';
    const possessive = /^['’][sS](?![\p{L}])/u.test(text.slice(end, end + 3));
    out.push({ start, end, key: foldKey(raw), shape, caps: isCaps(start), possessive });
  }
  return out;
}

/** Runs of capitalised words one space apart on one line: the places a name can be. */
function chunks(list: readonly Word[], text: string): Word[][] {
  const out: Word[][] = [];
  let cur: Word[] = [];
  for (const w of list) {
    const prev = cur[cur.length - 1];
    const joined = prev && !prev.possessive && text.slice(prev.end, w.start) === ' ' && sameCase(prev, w);
    if (!joined && cur.length > 0) {
      out.push(cur);
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

// Acronyms (MRN, CBC) do not join title-case words, except on lines written in capitals.
function sameCase(a: Word, b: Word): boolean {
  if (a.shape === 'initial' || b.shape === 'initial' || a.caps) return true;
  return (a.shape === 'upper') === (b.shape === 'upper');
}

/** Splits a run at anchor words ("PT'S HUSBAND TOBY"), which never belong to the name after them. */
function splitAtAnchors(run: Word[]): Word[][] {
  const out: Word[][] = [];
  let cur: Word[] = [];
  for (const w of run) {
    if (!anchorWords.has(w.key)) cur.push(w);
    else if (cur.length > 0) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function lineBefore(text: string, start: number): string {
  const from = Math.max(0, start - 48);
  const s = text.slice(from, start);
  const nl = s.lastIndexOf('\n');
  return nl < 0 ? s : s.slice(nl + 1);
}

function lineAfter(text: string, end: number): string {
  const s = text.slice(end, end + 48);
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

class Lexicon {
  constructor(private readonly l: NameLists) {}

  private has(set: ReadonlySet<string>, key: string): boolean {
    if (set.has(key) || set.has(key.replace(/['-]/g, ''))) return true;
    const parts = key.split(/[-']/).filter((p) => p.length >= 2);
    return parts.length > 1 && parts.some((p) => set.has(p));
  }

  first = (w: Word) => w.shape !== 'initial' && this.has(this.l.first, w.key);
  surname = (w: Word) => w.shape !== 'initial' && this.has(this.l.surname, w.key);
  stop = (w: Pick<Word, 'key'>) => this.l.stop.has(w.key);
  notName = (w: Pick<Word, 'key'>) => this.l.notName.has(w.key);
  org = (w: Word) => orgWords.has(w.key);
  listed = (w: Word) => this.first(w) || this.surname(w);
}

/** A word that may stand inside a name: not a function word, weekday or organisation word. */
function nameish(lex: Lexicon, w: Word): boolean {
  return !lex.notName(w) && !lex.org(w) && !anchorWords.has(w.key);
}

/** Cuts a run to its leading name words (at most four), stopping at the first word that cannot be in a name. */
function leadingName(lex: Lexicon, run: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const w of run) {
    if (!nameish(lex, w) || out.length === 4) break;
    out.push(w);
  }
  while (out.length > 0 && out[out.length - 1]!.shape === 'initial' && out.length > 1 && run.length > out.length) out.pop();
  return out;
}

function createNameFinder(lex: Lexicon) {
  return function find(input: RecognizerInput): Candidate[] {
    const { text } = input;
    const found: Found[] = [];
    const providerKeys = new Set<string>();
    const all = words(text);
    const runs = chunks(all, text);
    const used = new Set<Word[]>();

    const add = (ws: readonly Word[], score: number, why: string) => {
      if (ws.length === 0 || score <= 0) return;
      const last = ws[ws.length - 1]!;
      found.push({ start: ws[0]!.start, end: last.end, score: Math.min(0.95, score), why, keys: ws.map((w) => w.key) });
    };
    const isProvider = (ws: readonly Word[], before: string, after: string) => {
      if (!PROVIDER.test(before) && !CREDENTIAL_AFTER.test(after)) return false;
      for (const w of ws) if (w.shape !== 'initial') providerKeys.add(w.key);
      return true;
    };
    const isPlace = (ws: readonly Word[], before: string, after: string, next: Word | undefined) => {
      if (/\d\s+$/.test(before) || PLACE_BEFORE.test(before) || STATE_AFTER.test(after) || /^\s*&/.test(after)) return true;
      if (next && lex.org(next)) return true;
      return ws.some((w) => lex.org(w) && !(placeSurnames.has(w.key) && lex.first(ws[0]!) && !lex.stop(ws[0]!)));
    };

    // Last, First [M.]: "Quimby, Ada", "QUIMBY, ADA", "Quimby, Ada R.".
    for (let i = 0; i + 1 < runs.length; i++) {
      const a = runs[i]!;
      const b = runs[i + 1]!;
      const last = a[a.length - 1]!;
      const first = b[0]!;
      if (!/^,[ \t]{1,2}$/.test(text.slice(last.end, first.start))) continue;
      if (last.shape === 'initial' || first.shape === 'initial' || (first.shape === 'upper') !== (last.shape === 'upper')) continue;
      if (!lex.first(first) || lex.notName(first) || lex.notName(last) || lex.org(last) || lex.stop(last)) continue;
      if (first.shape === 'upper' && (first.key.length < 3 || last.key.length < 3)) continue;
      const given = b.slice(0, b[1] && (b[1].shape === 'initial' || lex.first(b[1])) ? 2 : 1);
      const span = [last, ...given];
      const before = lineBefore(text, last.start);
      const after = lineAfter(text, span[span.length - 1]!.end);
      if (isProvider(span, before, after) || STATE_AFTER.test(text.slice(last.end))) continue;
      const anchored = PATIENT.test(before) || LABEL.test(before);
      if (lex.stop(first) && !anchored) continue;
      const lead = a.length === 1 ? 0 : 0.1; // "Mr. Smith, John" style runs are rarer than a bare surname
      add(span, (anchored ? 0.85 : lex.surname(last) ? 0.65 : first.shape === 'upper' ? 0.45 : 0.5) - lead, 'Person name in "Last, First" form');
      used.add(a);
      used.add(b);
    }

    for (const run of runs.filter((r) => !used.has(r)).flatMap(splitAtAnchors)) {
      const before = lineBefore(text, run[0]!.start);
      const caps = run[0]!.caps;

      // Mr./Mrs./Ms. + name: report the name, not the title.
      if (PERSON_TITLE.test(before)) {
        const ws = leadingName(lex, run);
        if (ws.length > 0) add(ws, 0.8, 'Person name after Mr./Mrs./Ms.');
        continue;
      }
      if (PROVIDER.test(before)) {
        isProvider(leadingName(lex, run), before, '');
        continue;
      }
      const family = FAMILY.test(before);
      const patient = PATIENT.test(before);
      if (family || patient) {
        let ws = leadingName(lex, run);
        if (caps) ws = ws.slice(0, lex.first(ws[0] ?? run[0]!) ? (ws[1] && lex.surname(ws[1]) && !lex.stop(ws[1]) ? 2 : 1) : 0);
        const after = ws.length > 0 ? lineAfter(text, ws[ws.length - 1]!.end) : '';
        if (ws.length === 0 || isProvider(ws, '', after) || isPlace(ws, '', after, run[ws.length])) continue;
        // An acronym after "patient is" (NPO, DNR) is not a name unless the lists know it.
        if (!caps && ws.some((w) => w.shape === 'upper' && !lex.listed(w))) continue;
        const strong = ws.length > 1 || ws.some((w) => lex.listed(w) && !lex.stop(w));
        add(ws, strong || family ? 0.8 : 0.45, family ? 'Name of a relative (family word before it)' : 'Person name after "patient"/"pt"');
        continue;
      }

      const label = LABEL.test(before);
      // Otherwise a name starts at a first-name-list word.
      const i = run.findIndex((w) => (w.shape === 'title' || caps) && lex.first(w) && !lex.notName(w));
      if (i < 0) {
        // Two or three unknown capitalised words right before an identifier label: "Chinedu Adeleke (MRN".
        const ws = leadingName(lex, run);
        if (ws.length < 2 || ws.length > 3 || caps || ws.some((w) => w.shape !== 'title' || lex.stop(w))) continue;
        const after = lineAfter(text, ws[ws.length - 1]!.end);
        if (isProvider(ws, before, after) || isPlace(ws, before, after, run[ws.length])) continue;
        const z = ws[ws.length - 1]!;
        if (ID_AFTER.test(after)) add(ws, 0.6, 'Capitalised name before DOB/MRN');
        else if (lex.surname(z) && !lex.stop(z)) add(ws, VERB_AFTER.test(after) ? 0.5 : 0.35, 'Capitalised words ending in a surname');
        continue;
      }
      const runBefore = i === 0 ? before : lineBefore(text, run[i]!.start);
      const ws = leadingName(lex, run.slice(i));
      if (ws.length === 0) continue;
      // "Florence Nightingale Award", "Ronald McDonald House": a name followed by a thing is an eponym or an org.
      const tail = ws[ws.length - 1]!;
      const tailListed = lex.listed(tail) || tail.key.includes('-') || tail.shape === 'initial';
      if (i + ws.length < run.length && nameish(lex, run[i + ws.length]!)) continue;
      const middleNames = ws.slice(1, -1).every((w) => w.shape === 'initial' || (lex.first(w) && ID_AFTER.test(lineAfter(text, tail.end))));
      if (ws.length >= 3 && (!tailListed || lex.stop(tail)) && !middleNames) continue;
      if (ws.length === 2 && lex.stop(tail) && !lex.surname(tail)) continue;
      if (ws.length > 2 && lex.stop(ws[0]!)) continue;
      const after = lineAfter(text, ws[ws.length - 1]!.end);
      const next = run[i + ws.length];
      if (isProvider(ws, runBefore, after) || isPlace(run.slice(i, i + ws.length + 1), runBefore, after, next)) continue;
      if (i > 0 && PLACE_PREFIXES.includes(run[i - 1]!.key)) continue;

      const a = ws[0]!;
      const b = ws[ws.length - 1]!;
      const idAfter = ID_AFTER.test(after) ? 0.25 : 0;
      if (ws.length === 1 || b.shape === 'initial') {
        if (lex.stop(a)) continue;
        if (label && lex.listed(a)) add([a], 0.6, 'First name after a label');
        else if (VERB_AFTER.test(text.slice(a.end, a.end + 60))) add([a], 0.55, 'First name followed by what a patient did');
        else if (idAfter) add([a], 0.6, 'First name before DOB/MRN');
        continue;
      }
      const bListed = lex.surname(b) || lex.first(b);
      let score: number;
      if (caps) {
        if (!bListed || lex.stop(a) || lex.stop(b)) continue;
        score = 0.6;
      } else if (!lex.stop(a)) score = bListed ? 0.7 : 0.6;
      else score = lex.surname(b) && !lex.stop(b) ? 0.55 : lex.surname(b) ? 0.35 : 0.3;
      if (b.possessive && lex.surname(b)) score += 0.2;
      add(ws, score + idAfter + (label ? 0.1 : 0), 'First-name list word and a capitalised surname');
    }

    if (input.field === 'subject') findSubjectSegments(lex, text, all, found, add);
    for (const m of text.matchAll(INITIALS)) {
      const v = m.groups!['v']!;
      const start = m.index + m[0].length - v.length;
      found.push({ start, end: start + v.length, score: 0.8, why: 'Patient initials after "pt"', keys: [] });
    }

    findGreeted(lex, input, all, add);
    repeatNames(lex, all, found, providerKeys);
    const staff = staffKeys(input, all);
    return dedupe(found)
      .filter((f) => !isStaff(f, providerKeys, staff))
      .map((f) => ({ start: f.start, end: f.end, kind: 'NAME', score: f.score, recognizer: ID, why: f.why }));
  };
}

const GREETING_OPENER = /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\s+((?:mr|mrs|ms|miss|mx)\.?\s+)?/i;

/**
 * The person a greeting line names ("Hi Lena,", "Dear Ms. Ortiz,"). The pipeline hides greetings
 * unless the draft speaks to a patient, so here it is reported as any other name.
 */
function findGreeted(
  lex: Lexicon,
  input: RecognizerInput,
  all: readonly Word[],
  add: (ws: readonly Word[], score: number, why: string) => void,
): void {
  for (const span of input.layout.greeting) {
    const opener = GREETING_OPENER.exec(input.text.slice(span.start, span.end));
    if (!opener) continue;
    const from = span.start + opener[0].length;
    const ws = leadingName(lex, all.filter((w) => w.start >= from && w.end <= span.end));
    if (ws.length === 0 || ws.length > 3) continue;
    if (opener[1] || lex.first(ws[0]!)) add(ws, 0.6, 'Name of the person greeted');
  }
}

/** Subject segments that are only a name: "Smith - new dx", "Home Friday - Pemberton, 3 West". */
function findSubjectSegments(
  lex: Lexicon,
  text: string,
  all: readonly Word[],
  found: Found[],
  add: (ws: readonly Word[], score: number, why: string) => void,
): void {
  let offset = 0;
  for (const seg of text.split(SUBJECT_SEPARATOR)) {
    const start = text.indexOf(seg, offset);
    offset = start + seg.length;
    const trimmed = seg.trim();
    if (trimmed === '') continue;
    const from = start + seg.indexOf(trimmed);
    const ws = all.filter((w) => w.start >= from && w.end <= from + trimmed.length + 2);
    if (ws.length === 0 || ws.length > 3) continue;
    const rest = text.slice(from, from + trimmed.length).replace(/['’]s$/, '');
    if (rest.trim() !== text.slice(ws[0]!.start, Math.min(ws[ws.length - 1]!.end, from + rest.length)).trim()) continue;
    if (ws.some((w) => !nameish(lex, w) || w.shape === 'initial')) continue;
    if (found.some((f) => f.start < from + trimmed.length && ws[0]!.start < f.end && f.score >= 0.5)) continue;
    if (ws.length === 1) {
      const w = ws[0]!;
      if (w.key.length >= 3 && lex.surname(w) && !lex.stop(w)) add(ws, 0.6, 'Surname standing alone in the subject');
    } else if (lex.listed(ws[0]!) && lex.listed(ws[ws.length - 1]!)) add(ws, 0.6, 'Name standing alone in the subject');
  }
}

/** A name found once ("Tobias Wren") is a name where its words stand alone later ("Tobias is anxious"). */
function repeatNames(lex: Lexicon, all: readonly Word[], found: Found[], providerKeys: ReadonlySet<string>): void {
  const keys = new Set<string>();
  for (const f of found) {
    if (f.score < 0.5) continue;
    for (const k of f.keys) if (k.length >= 3 && !providerKeys.has(k)) keys.add(k);
  }
  for (const key of keys) if (lex.stop({ key }) || lex.notName({ key })) keys.delete(key);
  if (keys.size === 0) return;
  const covered = coverage(found);
  for (const w of all) {
    if (!keys.has(w.key) || w.shape === 'initial' || covered(w.start, w.end)) continue;
    found.push({ start: w.start, end: w.end, score: 0.6, why: 'Repeat of a name found earlier in the text', keys: [w.key] });
  }
}

/** Overlap test against a fixed set of spans in O(log n): spans are merged and binary-searched. */
function coverage(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const merged: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return (start, end) => {
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < merged.length && merged[lo]!.start < end;
  };
}

/** Names in the signature block are the writer's team; the same names elsewhere are staff, not patients. */
function staffKeys(input: RecognizerInput, all: readonly Word[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const span of input.layout.staff) {
    const s = input.text.slice(span.start, span.end);
    // A one-line greeting names the reader, who may be the patient.
    if (!s.includes('\n') && (/[,:]\s*$/.test(s) || /^\s*(?:hi|hello|hey|dear|good)\b/i.test(s))) continue;
    for (const w of all) if (w.start >= span.start && w.end <= span.end && w.shape !== 'initial') keys.add(w.key);
  }
  return keys;
}

function isStaff(f: Found, providerKeys: ReadonlySet<string>, staff: ReadonlySet<string>): boolean {
  if (f.keys.length === 0) return false;
  const last = f.keys[f.keys.length - 1]!;
  if (providerKeys.has(last)) return true;
  return f.keys.every((k) => staff.has(k));
}

/** Keeps the best of overlapping finds: higher score, then the longer span. */
function dedupe(found: readonly Found[]): Found[] {
  const ranked = [...found].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  const kept: Found[] = []; // sorted by start, never overlapping
  for (const f of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < kept.length && kept[lo]!.start < f.end) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

let finder: ((input: RecognizerInput) => Candidate[]) | undefined;

/** Person names of patients and their relatives; providers (Dr., MD, RN) and organisations are left out. */
export const name: Recognizer = {
  id: ID,
  kind: 'NAME',
  priority: 5,
  context: ['dob', 'mrn', 'date of birth'],
  find(input) {
    finder ??= createNameFinder(new Lexicon(nameLists()));
    return finder(input);
  },
};
