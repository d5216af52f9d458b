// npm run bench: speed and size of @phiguard/core and the service's audit appends, each beside a baseline measured in the same run.
// Benchmarks inform; they are not tests, so targets print PASS/FAIL and the exit code stays 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { createScanner, type Draft } from '@phiguard/core';
import { parseCorpus } from '../eval/score.js';
import { benchAttachments } from './attachments.js';
import { draftOfSize, generateDrafts, paragraphsOf, seeded, type BenchDraft } from './corpus-gen.js';
import { benchLookup } from './lookup.js';
import { benchOutlook } from './outlook.js';
import { benchService, type Row } from './service.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEV_CORPUS = resolve(repo, '../shared/corpus/dev.jsonl');
const CORE_ENTRY = join(repo, 'shared/src/index.ts');

const SEED = 20250611;
const CORPUS_CHARS = 6_000_000;
/** Wall-clock caps keep the whole run under a minute on a slow 2-core machine. */
const THROUGHPUT_BUDGET_MS = 15_000;
const COLD_RUNS = 7;

/** The baseline scan: one linear regex pass, the cheapest detector imaginable. */
const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/g;
function regexPass(d: Draft): number {
  return countMatches(d.subject ?? '') + countMatches(d.body ?? '');
}
// An exec loop, not String#match: V8 caches global match results per subject string, which would time nothing.
function countMatches(text: string): number {
  let n = 0;
  SSN_SHAPE.lastIndex = 0;
  while (SSN_SHAPE.exec(text) !== null) n++;
  return n;
}

async function main(): Promise<void> {
  const started = performance.now();
  const recycled = existsSync(DEV_CORPUS) ? paragraphsOf(parseCorpus(readFileSync(DEV_CORPUS, 'utf8')).map((d) => d.body)) : [];
  const drafts = generateDrafts(SEED, CORPUS_CHARS, recycled);
  const scanner = createScanner();
  const scan = (d: Draft) => scanner.scan(d).findings.length;

  const rows: Row[] = [];
  const notes: string[] = [
    `Corpus: ${drafts.length} drafts, ${mb(bytesOf(drafts)).toFixed(1)} MB, seed ${SEED}; ` +
      (recycled.length > 0 ? `templates plus ${recycled.length} paragraphs of ${DEV_CORPUS}.` : `templates only (${DEV_CORPUS} not found).`),
  ];

  const engine = throughput(drafts, scan, THROUGHPUT_BUDGET_MS);
  const regex = throughput(drafts, regexPass, THROUGHPUT_BUDGET_MS);
  if (engine.drafts < drafts.length) notes.push(`Throughput stopped at the ${THROUGHPUT_BUDGET_MS / 1000} s budget after ${engine.drafts} of ${drafts.length} drafts.`);
  rows.push({ metric: 'scan throughput', value: `${engine.mbPerSec.toFixed(1)} MB/s`, baseline: `${regex.mbPerSec.toFixed(0)} MB/s`, target: '>= 20 MB/s', pass: engine.mbPerSec >= 20 });

  const rnd = seeded(SEED + 1);
  for (const [label, chars, iterations, budget, target] of [
    ['2 KB draft', 2 * 1024, 3000, 5000, 5],
    ['50 KB draft', 50 * 1024, 300, 8000, undefined],
  ] as const) {
    const draft = draftOfSize(rnd, chars, recycled);
    const e = latency(draft, scan, iterations, budget);
    const b = latency(draft, regexPass, iterations, budget);
    rows.push({ metric: `${label} p50 latency`, value: ms(e.p50), baseline: ms(b.p50), target: '' });
    rows.push({
      metric: `${label} p99 latency (${e.n} runs)`,
      value: ms(e.p99),
      baseline: ms(b.p99),
      ...(target === undefined ? { target: '' } : { target: `< ${target} ms`, pass: e.p99 < target }),
    });
  }

  const dir = mkdtempSync(join(tmpdir(), 'phiguard-bench-'));
  try {
    const bundles = await buildBundles(dir);
    const firstDraft = join(dir, 'draft.json');
    writeFileSync(firstDraft, JSON.stringify(draftOfSize(rnd, 2 * 1024, recycled)));
    const core = coldStart(dir, bundles.core, firstDraft);
    const trivial = coldStart(dir, bundles.trivial, firstDraft);
    rows.push({ metric: 'cold start: load, init, first scan', value: ms(core.inside), baseline: ms(trivial.inside), target: '< 100 ms', pass: core.inside < 100 });
    rows.push({ metric: 'cold start: whole node process', value: ms(core.wall), baseline: ms(trivial.wall), target: '' });

    const coreSize = sizes(bundles.core);
    const zodSize = sizes(bundles.zod);
    rows.push({ metric: 'core bundle, minified', value: kb(coreSize.min), baseline: kb(zodSize.min), target: '' });
    rows.push({ metric: 'core bundle, minified + gzip', value: kb(coreSize.gz), baseline: kb(zodSize.gz), target: '<= 300 KB', pass: coreSize.gz <= 300 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const onSendDrafts = [
    { label: '2 KB draft', draft: draftOfSize(rnd, 2 * 1024, recycled), target: 50 },
    { label: '50 KB draft', draft: draftOfSize(rnd, 50 * 1024, recycled) },
  ];
  for (const bench of [benchService, benchLookup, () => benchOutlook(repo, onSendDrafts), benchAttachments]) {
    const result = await bench();
    rows.push(...result.rows);
    notes.push(...result.notes);
  }

  console.log(`PHI Guard core and service benchmarks (node ${process.version})\n`);
  console.log(table(rows));
  console.log('');
  console.log(
    [
      'Baselines: throughput and latency = one /\\b\\d{3}-\\d{2}-\\d{4}\\b/g pass over the same drafts;',
      `cold start = the same probe importing a trivial esbuild bundle (median of ${COLD_RUNS} fresh processes each);`,
      "bundle = zod alone (import { z } from 'zod'), built with the same options.",
      ...notes,
      `Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    ].join('\n'),
  );
}

function bytesOf(drafts: readonly BenchDraft[]): number {
  return drafts.reduce((n, d) => n + Buffer.byteLength(d.subject) + Buffer.byteLength(d.body), 0);
}

function throughput(drafts: readonly BenchDraft[], fn: (d: Draft) => number, budgetMs: number): { mbPerSec: number; drafts: number } {
  for (const d of drafts.slice(0, 200)) fn(d);
  let done = 0;
  const t0 = performance.now();
  for (const d of drafts) {
    fn(d);
    done++;
    if (performance.now() - t0 > budgetMs) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { mbPerSec: mb(bytesOf(drafts.slice(0, done))) / seconds, drafts: done };
}

function latency(draft: BenchDraft, fn: (d: Draft) => number, iterations: number, budgetMs: number): { p50: number; p99: number; n: number } {
  for (let i = 0; i < Math.max(20, iterations / 10); i++) fn(draft);
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (times.length < iterations && performance.now() < end) {
    const t = performance.now();
    fn(draft);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), n: times.length };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

interface Bundles {
  readonly core: string;
  readonly trivial: string;
  readonly zod: string;
}

/** The shipped shape: one self-contained, minified, platform-neutral ES module. */
async function buildBundles(dir: string): Promise<Bundles> {
  // Neutral has no default entry fields; dependencies such as fastest-levenshtein publish `module`/`main`.
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    conditions: ['@phiguard/source'],
    logLevel: 'error',
  };
  const core = join(dir, 'core.mjs');
  const trivial = join(dir, 'trivial.mjs');
  const zod = join(dir, 'zod.mjs');
  await Promise.all([
    build({ ...common, entryPoints: [CORE_ENTRY], outfile: core }),
    build({
      ...common,
      stdin: { contents: 'export function createScanner() { return { scan: () => ({ phi: false, subjectPhi: false, findings: [] }) }; }', loader: 'ts' },
      outfile: trivial,
    }),
    build({ ...common, stdin: { contents: "export { z } from 'zod';", resolveDir: join(repo, 'shared'), loader: 'ts' }, outfile: zod }),
  ]);
  return { core, trivial, zod };
}

const PROBE = `
import { readFileSync } from 'node:fs';
const draft = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const t0 = performance.now();
const { createScanner } = await import(process.argv[2]);
const result = createScanner().scan(draft);
const inside = performance.now() - t0;
process.stdout.write(JSON.stringify({ inside, findings: result.findings.length }));
`;

/** Median over fresh `node` processes: time inside the probe, and the whole spawn-to-exit wall time. */
function coldStart(dir: string, bundle: string, draft: string): { inside: number; wall: number } {
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const inside: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t = performance.now();
    const child = spawnSync(process.execPath, [probe, bundle, draft], { encoding: 'utf8' });
    wall.push(performance.now() - t);
    if (child.status !== 0) throw new Error(`cold-start probe failed for ${bundle}:\n${child.stderr}`);
    inside.push((JSON.parse(child.stdout) as { inside: number }).inside);
  }
  return { inside: median(inside), wall: median(wall) };
}

function median(xs: readonly number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

function sizes(file: string): { min: number; gz: number } {
  const code = readFileSync(file);
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const mb = (bytes: number) => bytes / 1e6;
const ms = (x: number) => (x >= 1 ? `${x.toFixed(1)} ms` : x >= 0.01 ? `${x.toFixed(3)} ms` : `${(x * 1000).toFixed(2)} µs`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function table(rows: readonly Row[]): string {
  const cells = [
    ['Metric', 'PHI Guard', 'Baseline', 'Target', ''],
    ...rows.map((r) => [r.metric, r.value, r.baseline, r.target, r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL']),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 0 || i === 4 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

await main();
