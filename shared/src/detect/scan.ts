import type { Attachment, Draft } from '../draft.js';
import { addressesPatient, mentionsPatient } from '../assess/patient-cues.js';
import { assess } from '../assess/verdict.js';
import { boost, compileContext, type ContextMatcher } from './context.js';
import type { Field, Finding, ScanResult } from './finding.js';
import { categoryOf } from './kinds.js';
import { analyseLayout, EMPTY_LAYOUT, inSpans, type Layout } from './layout.js';
import { createOrgFilter, type OrgFilter } from './org.js';
import type { Recognizer, RecognizerInput } from './recognizer.js';
import { defaultRecognizers } from './recognizers/index.js';
import { recognizePhoto } from './recognizers/photo.js';
import { resolveOverlaps, type Ranked } from './resolve.js';
import { tokenize, type Token } from './text.js';
import { propagateNames, type FieldScan } from './propagate.js';

/** Findings below this score are not shown (Presidio's default-style cut-off). */
export const DEFAULT_THRESHOLD = 0.5;

export interface Scanner {
  /** Findings and the verdict; quasi-identifiers are kept only when the draft holds PHI. */
  scan(draft: Draft): ScanResult;
  /** Every finding above the threshold, before the verdict (for tests and tuning). */
  detect(draft: Draft): Finding[];
}

export interface ScannerOptions {
  readonly recognizers?: readonly Recognizer[];
  readonly threshold?: number;
}

interface Prepared {
  readonly recognizer: Recognizer;
  readonly context: ContextMatcher;
}

/** Builds the pipeline once (context words compiled); `scan` is then cheap to call per keystroke pause. */
export function createScanner(options: ScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const prepared: Prepared[] = (options.recognizers ?? defaultRecognizers()).map((recognizer) => ({
    recognizer,
    context: compileContext(recognizer.context),
  }));

  function scanField(text: string, field: Field, isOwn: OrgFilter, attachment?: number): FieldScan {
    const tokens = tokenize(text);
    const layout = field === 'subject' ? EMPTY_LAYOUT : analyseLayout(text);
    const input = new FieldInput(text, tokens, field, layout);
    const candidates: Ranked[] = [];
    for (const { recognizer, context } of prepared) {
      for (const c of recognizer.find(input)) {
        const score = context(tokens, c) ? boost(c.score) : c.score;
        if (score < threshold) continue;
        // A literal, not a spread: every candidate then has one object shape.
        const { start, end, kind, why } = c;
        candidates.push({ start, end, kind, score, recognizer: c.recognizer, why, notPhi: c.notPhi === true, priority: recognizer.priority });
      }
    }
    const resolved = resolveOverlaps(candidates, (c) => categoryOf(c.kind));
    // Greeting lines name a colleague, unless the draft speaks to the patient ("Hi Lena, your results…").
    const hidden =
      layout.greeting.length === 0 || addressesPatient(text, tokens, resolved.filter((c) => categoryOf(c.kind) === 'health'))
        ? layout.staff
        : [...layout.staff, ...layout.greeting];
    const findings: Finding[] = [];
    for (const c of resolved) {
      if (c.notPhi || inSpans(hidden, c.start, c.end) || isOwn(c.kind, text.slice(c.start, c.end))) continue;
      findings.push(toFinding(c, field, attachment));
    }
    return { field, ...(attachment === undefined ? {} : { attachment }), text, tokens, hidden, findings };
  }

  function detect(draft: Draft): Finding[] {
    const isOwn = createOrgFilter(draft.org);
    const attachments = draft.attachments ?? [];
    const fields = [
      scanField(draft.subject ?? '', 'subject', isOwn),
      scanField(draft.body ?? '', 'body', isOwn),
      ...attachments.map((a, i) => scanField(a.text ?? '', 'attachment', isOwn, i)),
    ];
    const propagated = propagateNames(fields);
    return [
      ...fields.flatMap((f, i) => merge(f.findings, propagated[i]!)),
      ...attachments.flatMap((a, i) => photoFinding(a, i)),
    ];
  }

  function photoFinding(attachment: Attachment, index: number): Finding[] {
    const c = recognizePhoto(attachment);
    if (!c || c.score < threshold) return [];
    return [{ field: 'attachment', attachment: index, ...c, category: 'identifier' }];
  }

  return {
    detect,
    scan(draft) {
      const texts = [draft.subject ?? '', draft.body ?? '', ...(draft.attachments ?? []).map((a) => a.text ?? '')];
      const { phi, subjectPhi, findings } = assess(detect(draft), { aboutPatient: texts.some(mentionsPatient) });
      const uninspectable = (draft.attachments ?? []).flatMap((a, attachment) => (a.uninspectable ? [{ attachment, reason: a.uninspectable }] : []));
      return uninspectable.length === 0 ? { phi, subjectPhi, findings } : { phi, subjectPhi, findings, uninspectable };
    },
  };
}

/**
 * What recognizers see. `words` is built only if one asks (the default ones do not). A class, not an
 * object literal with a getter: V8 builds those on a slow path that, as measured, kept every scan's
 * garbage alive into the old generation (young-generation pauses of 3-4 ms instead of under 1 ms).
 */
class FieldInput implements RecognizerInput {
  private wordSet: Set<string> | undefined;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly field: Field,
    readonly layout: Layout,
  ) {}

  get words(): ReadonlySet<string> {
    return (this.wordSet ??= new Set(this.tokens.map((t) => t.lower)));
  }
}

let shared: Scanner | undefined;

/** Scans a draft with the default recognizers. */
export function scan(draft: Draft): ScanResult {
  shared ??= createScanner();
  return shared.scan(draft);
}

function merge(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  return b.length === 0 ? [...a] : [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
}

/** `attachment` only on attachment findings, and in this key order (findings are serialised as JSON). */
function toFinding(c: Ranked, field: Field, attachment: number | undefined): Finding {
  const { start, end, kind, recognizer, why } = c;
  const category = categoryOf(kind);
  const score = round(c.score);
  // Two literals rather than a spread: a spread of a conditional object is slow on every finding.
  return attachment === undefined
    ? { field, start, end, kind, category, score, recognizer, why }
    : { field, attachment, start, end, kind, category, score, recognizer, why };
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
