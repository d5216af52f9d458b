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
import { FIRST, NameWords, NOT_NAME, STOP, SURNAME } from '../data/names/index.js';
import type { Candidate, Recognizer, RecognizerInput } from '../recognizer.js';
import type { Token } from '../text.js';

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
  /** What the key is in the word lists (FIRST, STOP, ORG…), looked up once. */
  readonly flags: number;
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
// Sticky: it is tried only where a token starts, since no match can start inside a word.
const WORD = /(?<![\p{L}\p{M}\p{N}_@./{\\])\p{Lu}(?:\p{L}?['’](?=\p{Lu}\p{L}))?[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@{}]|\.\p{L})/uy;

/**
 * A regex that must match at the end of the line before a name. It scans that whole prefix, so it is
 * tried only when the last word there is one that can end a match; most capitalised words follow none.
 */
class EndAnchor {
  private readonly lastWords: ReadonlySet<string>;

  /** `phrases` are the words the regex looks for; `suffixes` the words it allows after them ("'s", "is"). */
  constructor(private readonly regex: RegExp, phrases: readonly string[], suffixes: readonly string[] = []) {
    this.lastWords = new Set([...phrases.map((p) => p.slice(p.lastIndexOf(' ') + 1).toLowerCase()), ...suffixes]);
  }

  test(before: LineBefore): boolean {
    return (before.last === undefined || this.lastWords.has(before.last)) && this.regex.test(before.text);
  }
}

/** The text on the same line before a name (at most 48 characters), with its last word read once. */
class LineBefore {
  readonly last: string | undefined;

  constructor(readonly text: string) {
    this.last = lastAsciiWord(text);
  }
}

const NOTHING_BEFORE = new LineBefore('');

/**
 * The last run of letters in `before`, lower-cased; '' when there is none. Undefined when a non-ASCII
 * character is in the way: it may be a letter, or fold to one under /iu ("ſ", the Kelvin sign "K").
 */
function lastAsciiWord(before: string): string | undefined {
  let end = before.length;
  for (; end > 0; end--) {
    const c = before.charCodeAt(end - 1);
    if (c >= 128) return undefined;
    if (isAsciiLetter(c)) break;
  }
  let start = end;
  for (; start > 0; start--) {
    const c = before.charCodeAt(start - 1);
    if (c >= 128) return undefined;
    if (!isAsciiLetter(c)) break;
  }
  return before.slice(start, end).toLowerCase();
}

const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

const PATIENT_ANCHORS = ['pt', 'patient', 'resident', 'client', 'claimant', 'beneficiary', 'subscriber', 'enrollee', 'message from'];
const LABEL_ANCHORS = ['re', 'regarding', 'name', 'caller', 'member', 'insured', 'guarantor'];
// All anchors below look at the text on the same line just before (or after) a name.
const PERSON_TITLE = new EndAnchor(new RegExp(String.raw`(?:^|[^\p{L}])(?:${alt(PERSON_TITLES)})\.?\s+$`, 'iu'), PERSON_TITLES);
const PROVIDER = new EndAnchor(
  new RegExp(String.raw`(?:^|[^\p{L}])(?:(?:${alt(PROVIDER_TITLES)})\.?\s*|(?:${alt(PROVIDER_LABELS)})\s*:\s*)$`, 'iu'),
  [...PROVIDER_TITLES, ...PROVIDER_LABELS],
);
const FAMILY = new EndAnchor(new RegExp(String.raw`(?:^|[^\p{L}])(?:${alt(FAMILY_WORDS)})(?:['’]s)?\s*[:,(]?\s*$`, 'iu'), FAMILY_WORDS, ['s']);
// Strong: whatever capitalised words follow are the patient's name. ("ptis" and "pt'sis" end a match too.)
const PATIENT = new EndAnchor(
  new RegExp(String.raw`(?:^|[^\p{L}])(?:${PATIENT_ANCHORS.join('|')})(?:['’]s)?\s*(?:(?:is|was)\s+)?[:#,-]?\s*$`, 'iu'),
  PATIENT_ANCHORS,
  ['s', 'is', 'was', 'sis', 'swas', ...PATIENT_ANCHORS.flatMap((p) => [`${p}is`, `${p}was`])],
);
// Weak: a name only when the lists agree ("Re: Payment plan" is not one).
const LABEL = new EndAnchor(new RegExp(String.raw`(?:^|[^\p{L}])(?:${LABEL_ANCHORS.join('|')})\s*[:#,-]?\s*$`, 'iu'), LABEL_ANCHORS);
const INITIALS = /(?<![\p{L}])(?:pt|patient|resident|client)\.?:?\s+(?<v>(?:\p{Lu}\.){2,3})/giu;
// Two initials hold ".X." (X neither a space nor a period); cheap to look for, where INITIALS tries its lookbehind everywhere.
const INITIALS_TRIGGER = /\.[^\s.]\./u;
const CREDENTIAL_AFTER = new RegExp(String.raw`^\s*,?\s*(?:${alt(CREDENTIALS)})(?![\p{L}\p{N}-])`, 'u');
const ID_AFTER = /^\s*[,(]?\s*(?:DOB\b|D\.O\.B|date of birth|MRN\b|MR#|member\s*(?:id|#)|patient\s*id|acct\b|account\b|\d{1,3}\s?(?:yo|y\/o|y\.o\.|-year-old|F|M)\b|\d{1,3}\s*,)/i;
const STATE_AFTER = /^\s*,\s*[A-Z]{2}\b(?!-)/;
const PLACE_PREFIX_WORDS = PLACE_PREFIXES.map((p) => p[0]!.toUpperCase() + p.slice(1));
const PLACE_BEFORE = new EndAnchor(new RegExp(String.raw`(?:^|[^\p{L}])(?:${PLACE_PREFIX_WORDS.join('|')})\.?\s+$`, 'u'), PLACE_PREFIX_WORDS);
const VERB_AFTER = new RegExp(String.raw`^(?:\s*\([^()\n]{1,40}\))?\s+(?:${alt(PATIENT_VERBS)})\b`, 'iu');
const SUBJECT_SEPARATOR = /\s+[-–—|]\s+|[:;,()[\]]\s*|\s+\/\s+/;

// Flags of the cue lists, beside the name lists' own.
const ORG = 16;
// Words that anchor a name ("wife", "pt", "Mrs", "Dr") are never part of it.
const ANCHOR = 32;
const PLACE_SURNAME = 64;
const CUES = [
  [ORG, ORG_WORDS],
  [ANCHOR, [...FAMILY_WORDS, ...PATIENT_WORDS, ...PERSON_TITLES, ...PROVIDER_TITLES]],
  [PLACE_SURNAME, PLACE_SURNAMES],
] as const;

const foldKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/**
 * Whether text[start, end) is a line written in capitals ("PT'S HUSBAND TOBY PHONED"): more than 85%
 * of at least 12 letters, counted in UTF-16 units. Ordinary lines are rejected after a few words:
 * once the other letters pass 15% of the line's length, they pass 15% of its letters.
 */
function isCapsLine(text: string, start: number, end: number): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) upper++;
      else if (c < 97 || c > 122) continue;
      letters++;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (LETTER.test(ch)) {
        letters += ch.length;
        if (UPPER.test(ch)) upper += ch.length;
      }
      i += ch.length - 1;
    }
    if ((letters - upper) * 20 > (end - start) * 3) return false;
  }
  return letters >= 12 && upper / letters > 0.85;
}

function words(text: string, tokens: readonly Token[], names: NameWords): Word[] {
  const out: Word[] = [];
  let next = 0;
  // The line of the last word, whose caps flag is worked out only when a word stands on it.
  let lineEnd = -1;
  let caps = false;
  for (const t of tokens) {
    // A match starts where a token does, with a capital (ASCII lower case and digits cannot), after the last match.
    const c = text.charCodeAt(t.start);
    if (t.start < next || (c < 128 && (c < 65 || c > 90))) continue;
    const start = t.start;
    let end: number;
    if (isPlainWord(text, t)) end = t.end;
    else {
      WORD.lastIndex = start;
      if (!WORD.test(text)) continue;
      end = WORD.lastIndex;
    }
    next = end;
    // Usually the word is the token, so the token's lower case is the key.
    const raw = end === t.end ? t.text : text.slice(start, end);
    let shape: Word['shape'];
    if (raw.length === 1) {
      // A lone capital is an initial only with its period ("J."); "I" and "M" (sex) are not names.
      if (text[end] !== '.') continue;
      end++;
      shape = 'initial';
    } else shape = isUpperCase(raw) ? 'upper' : 'title';
    const apostrophe = text[end] === "'" || text[end] === '’';
    const possessive = apostrophe && /^['’][sS](?![\p{L}])/u.test(text.slice(end, end + 3));
    if (start > lineEnd) {
      const lineStart = text.lastIndexOf('\n', start) + 1;
      lineEnd = text.indexOf('\n', start);
      if (lineEnd < 0) lineEnd = text.length;
      caps = isCapsLine(text, lineStart, lineEnd);
    }
    const key = isAscii(raw) ? (raw === t.text ? t.lower : raw.toLowerCase()) : foldKey(raw);
    out.push({ start, end, key, shape, caps, possessive, flags: names.of(key) });
  }
  return out;
}

// Neighbours WORD treats specially: before, a sign of a longer identifier (x.y, a_b, @, {{…}}, \);
// after, a joiner, a period or a brace.
const NOT_BEFORE = '_@./{\\';
const NOT_AFTER = "_@{}'.-";

/** A capitalised ASCII word between plain ASCII neighbours: WORD would match exactly the token, so it is not run. */
function isPlainWord(text: string, t: Token): boolean {
  for (let i = t.start; i < t.end; i++) if (!isAsciiLetter(text.charCodeAt(i))) return false;
  const before = t.start > 0 ? text[t.start - 1]! : ' ';
  const after = t.end < text.length ? text[t.end]! : ' ';
  return before.charCodeAt(0) < 128 && !NOT_BEFORE.includes(before) && after.charCodeAt(0) < 128 && !NOT_AFTER.includes(after);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** s === s.toUpperCase(), without building the upper-case copy for ASCII words. */
function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return s === s.toUpperCase();
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** Runs of capitalised words one space apart on one line: the places a name can be. */
function chunks(list: readonly Word[], text: string): Word[][] {
  const out: Word[][] = [];
  let cur: Word[] = [];
  for (const w of list) {
    const prev = cur[cur.length - 1];
    const joined = prev && !prev.possessive && w.start === prev.end + 1 && text[prev.end] === ' ' && sameCase(prev, w);
    if (joined) cur.push(w);
    else {
      if (cur.length > 0) out.push(cur);
      // Most runs are one word: an array of that size, not one grown by push.
      cur = [w];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

// Acronyms (MRN, CBC) do not join title-case words, except on lines written in capitals.
function sameCase(a: Word, b: Word): boolean {
  if (a.shape === 'initial' || b.shape === 'initial' || a.caps) return true;
  return (a.shape === 'upper') === (b.shape === 'upper');
}

const isAnchor = (w: Word) => (w.flags & ANCHOR) !== 0;

/** Splits a run at anchor words ("PT'S HUSBAND TOBY"), which never belong to the name after them. */
function splitAtAnchors(run: Word[]): Word[][] {
  if (!run.some(isAnchor)) return [run];
  const out: Word[][] = [];
  let cur: Word[] = [];
  for (const w of run) {
    if (!isAnchor(w)) cur.push(w);
    else if (cur.length > 0) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function lineBefore(text: string, start: number): LineBefore {
  const from = Math.max(0, start - 48);
  const s = text.slice(from, start);
  const nl = s.lastIndexOf('\n');
  return new LineBefore(nl < 0 ? s : s.slice(nl + 1));
}

function lineAfter(text: string, end: number): string {
  const s = text.slice(end, end + 48);
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

class Lexicon {
  constructor(readonly words: NameWords) {}

  /** In a name list, also as hyphenated and apostrophe names ("mary-jane", "o'brien"): joined, then by part. */
  private listedAs(w: Word, list: number): boolean {
    if (w.flags & list) return true;
    const key = w.key;
    if (!key.includes('-') && !key.includes("'")) return false;
    if (this.words.of(key.replace(/['-]/g, '')) & list) return true;
    const parts = key.split(/[-']/).filter((p) => p.length >= 2);
    return parts.length > 1 && parts.some((p) => (this.words.of(p) & list) !== 0);
  }

  first = (w: Word) => w.shape !== 'initial' && this.listedAs(w, FIRST);
  surname = (w: Word) => w.shape !== 'initial' && this.listedAs(w, SURNAME);
  stop = (w: Word) => (w.flags & STOP) !== 0;
  notName = (w: Word) => (w.flags & NOT_NAME) !== 0;
  org = (w: Word) => (w.flags & ORG) !== 0;
  listed = (w: Word) => this.first(w) || this.surname(w);
}

/** A word that may stand inside a name: not a function word, weekday or organisation word. */
function nameish(lex: Lexicon, w: Word): boolean {
  return !lex.notName(w) && !lex.org(w) && !isAnchor(w);
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
    const all = words(text, input.tokens, lex.words);
    const runs = chunks(all, text);
    const used = new Set<Word[]>();

    const add = (ws: readonly Word[], score: number, why: string) => {
      if (ws.length === 0 || score <= 0) return;
      const last = ws[ws.length - 1]!;
      found.push({ start: ws[0]!.start, end: last.end, score: Math.min(0.95, score), why, keys: ws.map((w) => w.key) });
    };
    const isProvider = (ws: readonly Word[], before: LineBefore, after: string) => {
      if (!PROVIDER.test(before) && !CREDENTIAL_AFTER.test(after)) return false;
      for (const w of ws) if (w.shape !== 'initial') providerKeys.add(w.key);
      return true;
    };
    const isPlace = (ws: readonly Word[], before: LineBefore, after: string, next: Word | undefined) => {
      if (/\d\s+$/.test(before.text) || PLACE_BEFORE.test(before) || STATE_AFTER.test(after) || /^\s*&/.test(after)) return true;
      if (next && lex.org(next)) return true;
      return ws.some((w) => lex.org(w) && !((w.flags & PLACE_SURNAME) !== 0 && lex.first(ws[0]!) && !lex.stop(ws[0]!)));
    };

    // Last, First [M.]: "Quimby, Ada", "QUIMBY, ADA", "Quimby, Ada R.".
    for (let i = 0; i + 1 < runs.length; i++) {
      const a = runs[i]!;
      const b = runs[i + 1]!;
      const last = a[a.length - 1]!;
      const first = b[0]!;
      if (text[last.end] !== ',' || !/^,[ \t]{1,2}$/.test(text.slice(last.end, first.start))) continue;
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

    for (const chunk of runs) {
      if (used.has(chunk)) continue;
      for (const run of splitAtAnchors(chunk)) {
        // Words that are never names ("The", "Please") add nothing: skip them before reading their line.
        if (run.every(lex.notName)) continue;
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
          if (ws.length === 0 || isProvider(ws, NOTHING_BEFORE, after) || isPlace(ws, NOTHING_BEFORE, after, run[ws.length])) continue;
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
    }

    if (input.field === 'subject') findSubjectSegments(lex, text, all, found, add);
    INITIALS.lastIndex = 0;
    for (let m = INITIALS_TRIGGER.test(text) ? INITIALS.exec(text) : null; m !== null; m = INITIALS.exec(text)) {
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
    const ws = leadingName(lex, wordsWithin(all, from, span.end));
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
  for (const key of keys) if (lex.words.of(key) & (STOP | NOT_NAME)) keys.delete(key);
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
    for (const w of wordsWithin(all, span.start, span.end)) if (w.shape !== 'initial') keys.add(w.key);
  }
  return keys;
}

function isStaff(f: Found, providerKeys: ReadonlySet<string>, staff: ReadonlySet<string>): boolean {
  if (f.keys.length === 0) return false;
  const last = f.keys[f.keys.length - 1]!;
  if (providerKeys.has(last)) return true;
  return f.keys.every((k) => staff.has(k));
}

/** The words inside [start, end]: words are sorted and disjoint, so they are one slice, found by binary search. */
function wordsWithin(all: readonly Word[], start: number, end: number): readonly Word[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  let stop = lo;
  while (stop < all.length && all[stop]!.end <= end) stop++;
  return all.slice(lo, stop);
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
    finder ??= createNameFinder(new Lexicon(new NameWords(CUES)));
    return finder(input);
  },
};
