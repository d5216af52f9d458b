// The core must run unchanged in Apps Script V8, Outlook's JS-only runtime and browsers: no host globals.
import { describe, expect, it } from '@jest/globals';
import { buildSync } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';

const root = resolve(__dirname, '..');
const coreSrc = join(root, 'shared', 'src');

function bundleCore(): string {
  const out = buildSync({
    entryPoints: [join(coreSrc, 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'PhiGuardCore',
    platform: 'neutral',
    // Neutral has no default entry fields; dependencies such as fastest-levenshtein publish `module`/`main`.
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

describe('core bundle in a bare V8 context', () => {
  const context = vm.createContext({});

  it('the context offers no Node, DOM or Apps Script globals', () => {
    const present = vm.runInContext(
      `['process', 'require', 'module', 'Buffer', 'global', 'window', 'document', 'self', 'fetch', 'setTimeout', 'TextEncoder', 'Office', 'CardService', 'UrlFetchApp']
        .filter((name) => typeof globalThis[name] !== 'undefined')`,
      context,
    ) as string[];
    expect(Array.from(present)).toEqual([]);
  });

  it('loads with zod bundled in and scans a draft to a verdict and findings', () => {
    vm.runInContext(bundleCore(), context, { filename: 'phiguard-core.js' });
    const json = vm.runInContext(
      `JSON.stringify(PhiGuardCore.scan({ subject: 'Lab follow-up', body: 'Patient SSN 531-72-0846 is on file.' }))`,
      context,
    ) as string;
    const result = JSON.parse(json) as { phi: unknown; subjectPhi: unknown; findings: { kind: string; start: number; end: number }[] };
    expect(typeof result.phi).toBe('boolean');
    expect(typeof result.subjectPhi).toBe('boolean');
    expect(result.findings).toContainEqual(expect.objectContaining({ field: 'body', kind: 'SSN', start: 12, end: 23 }));
  });

  it('validates a draft with the bundled zod schemas inside the context', () => {
    const ok = vm.runInContext(`PhiGuardCore.DraftSchema.safeParse({ subject: 's', body: 'b' }).success`, context);
    const bad = vm.runInContext(`PhiGuardCore.DraftSchema.safeParse({ subject: 42 }).success`, context);
    expect([ok, bad]).toEqual([true, false]);
  });
});

/** References to host globals and Node APIs the core must not make (style.md, "Keeping the core pure"). */
const FORBIDDEN_GLOBALS = new Set(['process', 'window', 'document', 'Office', 'CardService', 'UrlFetchApp', 'Buffer', 'require', 'fetch']);

/**
 * Code references only: comments ("compose window") and string data ('document id') are not references,
 * and neither are property names (`deps.fetch`, `{ process: … }`), which reach a port, not a global.
 */
function forbiddenReferences(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && !isPropertyName(node)) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      found.push(`${node.text} (line ${line + 1})`);
    }
    const specifier = moduleSpecifier(node);
    if (specifier?.startsWith('node:')) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      found.push(`'${specifier}' (line ${line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id && !isGlobalThisAccess(p)) ||
    ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === id)
  );
}

/** `globalThis.process` is the global itself. */
function isGlobalThisAccess(p: ts.PropertyAccessExpression): boolean {
  return ts.isIdentifier(p.expression) && p.expression.text === 'globalThis';
}

function moduleSpecifier(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    return node.moduleSpecifier.text;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [arg] = node.arguments;
    return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('core source references no host globals', () => {
  it.each([
    ['process.env', 'const d = process.env.DEBUG;', ['process (line 1)']],
    ['require()', "const fs = require('fs');", ['require (line 1)']],
    ['a node: import', "import { readFileSync } from 'node:fs';", ["'node:fs' (line 1)"]],
    ['a node: re-export', "export { join } from 'node:path';", ["'node:path' (line 1)"]],
    ['a dynamic node: import', "const m = await import('node:os');", ["'node:os' (line 1)"]],
    ['window', 'const w = window.location;', ['window (line 1)']],
    ['document', 'document.title = "x";', ['document (line 1)']],
    ['Office', 'Office.onReady();', ['Office (line 1)']],
    ['CardService', 'const c = CardService.newCardBuilder();', ['CardService (line 1)']],
    ['UrlFetchApp', 'UrlFetchApp.fetch(url);', ['UrlFetchApp (line 1)']],
    ['global fetch', 'await fetch(url);', ['fetch (line 1)']],
    ['Buffer', 'const b = Buffer.from(s);', ['Buffer (line 1)']],
    ['globalThis.process', 'const p = globalThis.process;', ['process (line 1)']],
  ])('flags %s', (_label, code, expected) => {
    expect(forbiddenReferences('x.ts', code)).toEqual(expected);
  });

  it.each([
    ['a comment', '/** What every host reads out of its compose window. */\nconst a = 1; // no fetch() here'],
    ['string data', "const labels = ['document id', 'process note', 'window'];"],
    ['a port property call', 'await deps.fetch(url);'],
    ['a property name', 'const o = { process: 1, document: 2 }; o.window;'],
    ['a relative import', "import { x } from './node-kind.js';"],
  ])('ignores %s', (_label, code) => {
    expect(forbiddenReferences('x.ts', code)).toEqual([]);
  });

  it('every non-test file in shared/src is free of them', () => {
    const offenders = sourceFiles(coreSrc)
      .map((file) => ({ file: relative(root, file), refs: forbiddenReferences(file, readFileSync(file, 'utf8')) }))
      .filter((o) => o.refs.length > 0)
      .map((o) => `${o.file}: ${o.refs.join(', ')}`);
    expect(offenders).toEqual([]);
  });
});
