// npm run eval [-- [corpus.jsonl] [--misses]]: scores the default scanner on a labelled corpus.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScanner } from '@phiguard/core';
import {
  checkTargets,
  draftMisses,
  parseCorpus,
  pct,
  score,
  type BinaryScore,
  type GoldDraft,
  type Scored,
  type Span,
  type SpanScore,
} from './score.js';

const USAGE = 'usage: npm run eval -- [corpus.jsonl] [--misses]';

/** The corpus lives beside the repository: <repo>/../shared/corpus/dev.jsonl. */
const DEFAULT_CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/dev.jsonl');

function main(argv: readonly string[]): number {
  const flags = argv.filter((a) => a.startsWith('-'));
  const paths = argv.filter((a) => !a.startsWith('-'));
  if (flags.some((f) => f !== '--misses') || paths.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const file = paths[0] === undefined ? DEFAULT_CORPUS : resolve(paths[0]);
  const corpus = parseCorpus(readFileSync(file, 'utf8'));
  const scanner = createScanner();
  const scored: Scored[] = corpus.map((gold) => ({ gold, prediction: scanner.scan({ subject: gold.subject, body: gold.body }) }));

  if (flags.includes('--misses')) printMisses(scored);

  const report = score(scored);
  console.log(`PHI Guard detection eval: ${file} (${report.drafts} drafts)\n`);
  console.log(
    table(
      ['Message verdict', 'TP', 'FN', 'FP', 'TN', 'recall', 'FPR'],
      [binaryRow('PHI', report.phi), binaryRow('Subject leak', report.subjectPhi)],
    ),
  );
  console.log(
    table(
      ['Spans (overlap, same field)', ...SPAN_COLUMNS],
      [spanRow('identifiers, any kind', report.identifiers.overall), spanRow('health terms, any kind', report.health.overall)],
    ),
  );
  console.log(table(['Identifier kind (kind must match)', ...SPAN_COLUMNS], [...report.identifiers.byKind].map(([k, s]) => spanRow(k, s))));
  console.log(table(['Health kind (informational)', ...SPAN_COLUMNS], [...report.health.byKind].map(([k, s]) => spanRow(k, s))));

  const targets = checkTargets(report);
  const failed = targets.filter((t) => !t.pass).length;
  console.log('Targets');
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(46)} ${t.measured}`);
  console.log(failed === 0 ? 'All targets met.' : `${failed} of ${targets.length} targets failed.`);
  return failed === 0 ? 0 : 1;
}

const SPAN_COLUMNS = ['gold', 'found', 'recall', 'predicted', 'correct', 'precision'];

function binaryRow(name: string, s: BinaryScore): string[] {
  return [name, String(s.tp), String(s.fn), String(s.fp), String(s.tn), pct(s.recall), pct(s.fpr)];
}

function spanRow(name: string, s: SpanScore): string[] {
  return [name, String(s.gold), String(s.found), pct(s.recall), String(s.predicted), String(s.correct), pct(s.precision)];
}

/** First column left-aligned, the rest right-aligned; ends with a blank line. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''].join('\n');
}

function printMisses(scored: readonly Scored[]): void {
  console.log('Misses (per draft: wrong verdicts, gold spans nothing overlapped, findings overlapping no gold span)\n');
  for (const s of scored) {
    const m = draftMisses(s);
    if (m.verdicts.length + m.missed.length + m.falsePositives.length === 0) continue;
    console.log(m.id);
    for (const v of m.verdicts) console.log(`  verdict  ${v}`);
    for (const g of m.missed) console.log(`  missed   ${describe(s.gold, g)}`);
    for (const f of m.falsePositives) console.log(`  false +  ${describe(s.gold, f)}${f.recognizer === undefined ? '' : `  [${f.recognizer}]`}`);
  }
  console.log('');
}

function describe(draft: GoldDraft, span: Span): string {
  const text = span.field === 'subject' ? draft.subject : span.field === 'body' ? draft.body : '';
  return `${span.field.padEnd(7)} ${span.kind.padEnd(14)} ${JSON.stringify(text.slice(span.start, span.end))}`;
}

process.exitCode = main(process.argv.slice(2));
