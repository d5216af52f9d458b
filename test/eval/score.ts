import { categoryOf, FindingSchema, HEALTH_KINDS, IDENTIFIER_KINDS, VerdictSchema, type Category, type Field, type Kind, type Verdict } from '@phiguard/core';

/** A span as both the corpus and the scanner describe it: UTF-16 offsets into one field, `end` exclusive. */
export interface Span {
  readonly field: Field;
  /** Index into the draft's attachments when field is 'attachment'. */
  readonly attachment?: number | undefined;
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  readonly category: Category;
}

export interface GoldSpan extends Span {
  readonly text: string;
}

/** One hand-labelled draft of a corpus `*.jsonl` file (shared/corpus/README.md). */
export interface GoldDraft extends Verdict {
  readonly id: string;
  readonly subject: string;
  readonly body: string;
  readonly spans: readonly GoldSpan[];
}

export interface PredictedSpan extends Span {
  readonly recognizer?: string;
}

export interface Prediction extends Verdict {
  readonly findings: readonly PredictedSpan[];
}

export interface Scored {
  readonly gold: GoldDraft;
  readonly prediction: Prediction;
}

const GoldSpanShape = FindingSchema.pick({ field: true, attachment: true, start: true, end: true, kind: true, category: true });

/** Parses a corpus file; throws naming the line on anything a scorer could silently miscount. */
export function parseCorpus(jsonl: string): GoldDraft[] {
  const drafts: GoldDraft[] = [];
  const ids = new Set<string>();
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `corpus line ${i + 1}`;
    const row = JSON.parse(line) as Record<string, unknown>;
    const { id, subject, body, spans } = row;
    if (typeof id !== 'string' || ids.has(id)) throw new Error(`${where}: missing or repeated id`);
    if (typeof subject !== 'string' || typeof body !== 'string') throw new Error(`${where} (${id}): subject and body must be strings`);
    const verdict = VerdictSchema.safeParse(row);
    if (!verdict.success) throw new Error(`${where} (${id}): phi and subjectPhi must be booleans`);
    if (!Array.isArray(spans)) throw new Error(`${where} (${id}): spans must be an array`);
    const fields: Record<Field, string> = { subject, body, attachment: '' };
    const gold = spans.map((raw: unknown, k): GoldSpan => {
      const parsed = GoldSpanShape.safeParse(raw);
      if (!parsed.success) throw new Error(`${where} (${id}): span ${k} is malformed`);
      const span = parsed.data;
      const text = fields[span.field].slice(span.start, span.end);
      if (span.end <= span.start || (raw as { text?: unknown }).text !== text) {
        throw new Error(`${where} (${id}): span ${k} text does not equal its ${span.field} slice`);
      }
      if (categoryOf(span.kind) !== span.category) throw new Error(`${where} (${id}): span ${k} category disagrees with kind ${span.kind}`);
      return { ...span, text };
    });
    ids.add(id);
    drafts.push({ id, subject, body, phi: verdict.data.phi, subjectPhi: verdict.data.subjectPhi, spans: gold });
  });
  return drafts;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.field === b.field && (a.attachment ?? 0) === (b.attachment ?? 0) && a.start < b.end && b.start < a.end;
}

export interface SpanMatch<G extends Span, P extends Span> {
  readonly gold: number;
  readonly predicted: number;
  /** Gold spans no prediction overlaps. */
  readonly missed: G[];
  /** Predictions that overlap no gold span. */
  readonly falsePositives: P[];
}

/**
 * Overlap matching among the spans `among` selects on both sides: a gold span is found when any selected
 * prediction overlaps it, a prediction is correct when it overlaps any selected gold span.
 */
export function matchSpans<G extends Span, P extends Span>(
  gold: readonly G[],
  predicted: readonly P[],
  among: (s: Span) => boolean,
): SpanMatch<G, P> {
  const g = gold.filter(among);
  const p = predicted.filter(among);
  return {
    gold: g.length,
    predicted: p.length,
    missed: g.filter((gs) => !p.some((ps) => overlaps(gs, ps))),
    falsePositives: p.filter((ps) => !g.some((gs) => overlaps(gs, ps))),
  };
}

/** A ratio whose denominator may be zero; `value` is then undefined rather than a made-up 0 or 1. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
  readonly value: number | undefined;
}

export function ratio(num: number, den: number): Ratio {
  return { num, den, value: den === 0 ? undefined : num / den };
}

export interface BinaryScore {
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly tn: number;
  readonly recall: Ratio;
  /** False positives over gold negatives. */
  readonly fpr: Ratio;
}

export function scoreBinary(pairs: readonly (readonly [gold: boolean, predicted: boolean])[]): BinaryScore {
  const count = (g: boolean, p: boolean) => pairs.filter(([a, b]) => a === g && b === p).length;
  const c = { tp: count(true, true), fn: count(true, false), fp: count(false, true), tn: count(false, false) };
  return { ...c, recall: ratio(c.tp, c.tp + c.fn), fpr: ratio(c.fp, c.fp + c.tn) };
}

export interface SpanScore {
  readonly gold: number;
  readonly found: number;
  readonly predicted: number;
  readonly correct: number;
  readonly recall: Ratio;
  readonly precision: Ratio;
}

function total(matches: readonly SpanMatch<Span, Span>[]): SpanScore {
  let gold = 0, found = 0, predicted = 0, correct = 0;
  for (const m of matches) {
    gold += m.gold;
    found += m.gold - m.missed.length;
    predicted += m.predicted;
    correct += m.predicted - m.falsePositives.length;
  }
  return { gold, found, predicted, correct, recall: ratio(found, gold), precision: ratio(correct, predicted) };
}

export interface CategoryScore {
  /** Any prediction of the category counts, whatever its kind. */
  readonly overall: SpanScore;
  /** Kinds seen in gold or predictions, in kinds.ts order: only predictions of that kind count. */
  readonly byKind: ReadonlyMap<Kind, SpanScore>;
}

export function scoreSpans(drafts: readonly Scored[], category: Category): CategoryScore {
  const over = (among: (s: Span) => boolean) => total(drafts.map((d) => matchSpans(d.gold.spans, d.prediction.findings, among)));
  const seen = new Set<Kind>(drafts.flatMap((d) => [...d.gold.spans, ...d.prediction.findings].map((s) => s.kind)));
  const kinds = (category === 'identifier' ? IDENTIFIER_KINDS : HEALTH_KINDS).filter((k) => seen.has(k));
  return {
    overall: over((s) => s.category === category),
    byKind: new Map(kinds.map((kind) => [kind, over((s) => s.kind === kind)])),
  };
}

export interface Report {
  readonly drafts: number;
  readonly phi: BinaryScore;
  readonly subjectPhi: BinaryScore;
  readonly identifiers: CategoryScore;
  readonly health: CategoryScore;
}

export function score(drafts: readonly Scored[]): Report {
  return {
    drafts: drafts.length,
    phi: scoreBinary(drafts.map((d) => [d.gold.phi, d.prediction.phi])),
    subjectPhi: scoreBinary(drafts.map((d) => [d.gold.subjectPhi, d.prediction.subjectPhi])),
    identifiers: scoreSpans(drafts, 'identifier'),
    health: scoreSpans(drafts, 'health'),
  };
}

export interface TargetResult {
  readonly name: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** A bound on a ratio; a ratio that cannot be measured (zero denominator) does not pass. */
function atLeast(r: Ratio, min: number): boolean {
  return r.value !== undefined && r.value >= min;
}
function atMost(r: Ratio, max: number): boolean {
  return r.value !== undefined && r.value <= max;
}

export function checkTargets(r: Report): TargetResult[] {
  return [
    {
      name: 'PHI recall 100%, FPR <= 10%',
      measured: `recall ${pct(r.phi.recall)}, FPR ${pct(r.phi.fpr)}`,
      pass: atLeast(r.phi.recall, 1) && atMost(r.phi.fpr, 0.1),
    },
    {
      name: 'Subject-leak recall >= 95%, FPR <= 5%',
      measured: `recall ${pct(r.subjectPhi.recall)}, FPR ${pct(r.subjectPhi.fpr)}`,
      pass: atLeast(r.subjectPhi.recall, 0.95) && atMost(r.subjectPhi.fpr, 0.05),
    },
    {
      name: 'Identifier recall >= 90% at precision >= 85%',
      measured: `recall ${pct(r.identifiers.overall.recall)}, precision ${pct(r.identifiers.overall.precision)}`,
      pass: atLeast(r.identifiers.overall.recall, 0.9) && atLeast(r.identifiers.overall.precision, 0.85),
    },
    {
      name: 'Health-term recall >= 85%',
      measured: `recall ${pct(r.health.overall.recall)}`,
      pass: atLeast(r.health.overall.recall, 0.85),
    },
  ];
}

export function pct(r: Ratio): string {
  return r.value === undefined ? 'n/a' : `${(r.value * 100).toFixed(1)}%`;
}

export interface DraftMisses {
  readonly id: string;
  readonly verdicts: readonly string[];
  readonly missed: readonly GoldSpan[];
  readonly falsePositives: readonly PredictedSpan[];
}

/** What one draft got wrong: verdicts, gold spans nothing overlapped, findings that overlap no gold span. */
export function draftMisses({ gold, prediction }: Scored): DraftMisses {
  const verdicts = (['phi', 'subjectPhi'] as const)
    .filter((k) => gold[k] !== prediction[k])
    .map((k) => `${k}: expected ${gold[k]}, got ${prediction[k]}`);
  const matches = (['identifier', 'health'] as const).map((c) => matchSpans(gold.spans, prediction.findings, (s) => s.category === c));
  return {
    id: gold.id,
    verdicts,
    missed: matches.flatMap((m) => m.missed),
    falsePositives: matches.flatMap((m) => m.falsePositives),
  };
}
