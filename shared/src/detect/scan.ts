import type { Attachment, Draft, OrgProfile } from '../draft.js';
import { addressesPatient, mentionsPatient } from '../assess/patient-cues.js';
import { assess } from '../assess/verdict.js';
import { boost, compileContext, type ContextMatcher } from './context.js';
import type { Field, Finding, ScanResult } from './finding.js';
import { categoryOf } from './kinds.js';
import { analyseLayout, EMPTY_LAYOUT, inSpans } from './layout.js';
import { createOrgFilter } from './org.js';
import type { Recognizer } from './recognizer.js';
import { defaultRecognizers } from './recognizers/index.js';
import { recognizePhoto } from './recognizers/photo.js';
import { resolveOverlaps, type Ranked } from './resolve.js';
import { tokenize } from './text.js';
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

  function scanField(text: string, field: Field, org: OrgProfile | undefined, attachment?: number): FieldScan {
    const tokens = tokenize(text);
    const layout = field === 'subject' ? EMPTY_LAYOUT : analyseLayout(text);
    const input = { text, tokens, words: new Set(tokens.map((t) => t.lower)), field, layout };
    const candidates: Ranked[] = [];
    for (const { recognizer, context } of prepared) {
      for (const c of recognizer.find(input)) {
        const score = context(tokens, c) ? boost(c.score) : c.score;
        if (score >= threshold) candidates.push({ ...c, score, priority: recognizer.priority });
      }
    }
    const resolved = resolveOverlaps(candidates, (c) => categoryOf(c.kind));
    // Greeting lines name a colleague, unless the draft speaks to the patient ("Hi Lena, your results…").
    const health = resolved.filter((c) => categoryOf(c.kind) === 'health');
    const hidden = addressesPatient(text, tokens, health) ? layout.staff : [...layout.staff, ...layout.greeting];
    const isOwn = createOrgFilter(org);
    const findings = resolved
      .filter((c) => !c.notPhi && !inSpans(hidden, c.start, c.end) && !isOwn(c.kind, text.slice(c.start, c.end)))
      .map((c) => ({
        field,
        ...(attachment === undefined ? {} : { attachment }),
        start: c.start,
        end: c.end,
        kind: c.kind,
        category: categoryOf(c.kind),
        score: round(c.score),
        recognizer: c.recognizer,
        why: c.why,
      }));
    return { field, ...(attachment === undefined ? {} : { attachment }), text, tokens, hidden, findings };
  }

  function detect(draft: Draft): Finding[] {
    const org = draft.org;
    const attachments = draft.attachments ?? [];
    const fields = [
      scanField(draft.subject ?? '', 'subject', org),
      scanField(draft.body ?? '', 'body', org),
      ...attachments.map((a, i) => scanField(a.text ?? '', 'attachment', org, i)),
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
      return { phi, subjectPhi, findings };
    },
  };
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

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
