import { describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encryptedPdf, pdfWith } from '../../../attachments/src/testing/fixtures.js';
import { insuranceCardHeic } from '../attachments/testing/heic.js';
import { scanCommand } from './scan.js';
import { createTestIo } from './testing.js';

const ROOT = resolve(__dirname, '../../..');
const SAMPLES = join(ROOT, 'service/samples');
const SSN = '531-72-0846';
const ANSI = /\x1b\[/;

// Each run starts the extraction threads, which load pdf.js: about a second, several on a busy machine.
jest.setTimeout(30_000);

async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'phi-guard-scan-')), name);
  await writeFile(path, content);
  return path;
}

describe('phi-guard scan FILE...', () => {
  it('prints the verdict, then each finding under its field with the match marked in context', async () => {
    const path = await tempFile('note.txt', `Subject: Follow-up\n\nThe patient SSN ${SSN} is on file.\n`);
    const { io, stdout, stderr } = createTestIo();
    const exitCode = await scanCommand.run([path], io);
    const report = stdout();
    expect(exitCode).toBe(0);
    expect(stderr()).toBe('');
    expect(report).toContain(path);
    expect(report).toMatch(/PHI: (yes|no)\s+Subject leaks PHI: (yes|no)/);
    expect(report).toMatch(/\n {2}Body\n {4}SSN +\d\.\d\d {2}The patient SSN \[\[531-72-0846\]\] is on file\.\n/);
  });

  it('reads every sample, .eml (attachments included) and .txt, with exit code 0 whatever the verdict', async () => {
    const files = ['referral.eml', 'staff-meeting.eml', 'lab-results-qp.eml', 'html-only.eml', 'referral-note.txt', 'staff-note.txt'];
    const { io, stdout, stderr } = createTestIo();
    const exitCode = await scanCommand.run(files.map((f) => join(SAMPLES, f)), io);
    expect(exitCode).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout().match(/^  PHI: /gm)).toHaveLength(files.length);
  });

  it("extracts a saved message's attachments and reports their findings by attachment and page", async () => {
    const { io, stdout } = createTestIo();
    await scanCommand.run([join(SAMPLES, 'referral.eml')], io);
    expect(stdout()).toMatch(/\n {2}Attachment echo-report\.pdf \(application\/pdf\), page 1\n {4}(?:.*\n)*? {4}MRN +\d\.\d\d .*\[\[LC-0048213\]\]/);
    expect(stdout()).toContain('  Attachment labs.csv (text/csv)\n');
  });

  it('reads an attachment file by its content, reporting findings per page', async () => {
    // A PDF saved under a name that says text: the content decides.
    const path = await tempFile('referral.txt', await pdfWith(['Referral letter', `Patient SSN ${SSN}, type 2 diabetes.`]));
    const { io, stdout, stderr } = createTestIo();
    expect(await scanCommand.run([path], io)).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout()).toMatch(/\n {2}Attachment referral\.txt \(application\/pdf\), page 2\n {4}SSN +\d\.\d\d {2}Patient SSN \[\[531-72-0846\]\]/);
    expect(stdout()).not.toContain('page 1');
  });

  it('reports a file it cannot inspect as such, names it on stderr with the reason code, and exits non-zero', async () => {
    const locked = await tempFile('locked.pdf', encryptedPdf());
    const good = await tempFile('good.txt', `SSN ${SSN}`);
    const { io, stdout, stderr } = createTestIo();
    expect(await scanCommand.run([locked, good], io)).toBe(1);
    expect(stdout()).toContain('  Not inspected: locked.pdf: encrypted or password-protected; it may hold PHI\n');
    expect(stdout()).toMatch(/PHI: no +Subject leaks PHI: no +0 findings +1 not inspected/);
    expect(stdout()).toContain(good);
    expect(stderr()).toBe(`phi-guard scan: ${locked}: 1 attachment could not be inspected (encrypted)\n`);
  });

  it('a file that cannot be read is named on stderr, the others are still scanned, and the exit code is non-zero', async () => {
    const good = await tempFile('good.txt', `SSN ${SSN}`);
    const notMail = await tempFile('notes.eml', `Jane Roe SSN ${SSN}\nno headers here\n`);
    const binary = await tempFile('export.bin', new Uint8Array([0x00, 0x01, 0x02, 0xfe, 0x00, 0x53, 0x53, 0x4e]));
    const missing = join(tmpdir(), 'phi-guard-no-such-file.eml');
    const { io, stdout, stderr } = createTestIo();
    const exitCode = await scanCommand.run([missing, notMail, good, binary], io);
    expect(exitCode).toBe(1);
    expect(stdout()).toContain(good);
    expect(stdout()).toContain('Not inspected: export.bin: a file type PHI Guard cannot read');
    expect(stderr()).toContain(`phi-guard scan: ${missing}: file not found\n`);
    expect(stderr()).toContain(`phi-guard scan: ${notMail}: not an email message`);
    expect(stderr()).toContain(`phi-guard scan: ${binary}: 1 attachment could not be inspected (unsupported)`);
    expect(stderr()).not.toContain(SSN);
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('reports a HEIC photo as not inspected (unsupported) unless --heic is given', async () => {
    const photo = await tempFile('IMG_0001.HEIC', insuranceCardHeic());
    const { io, stdout, stderr } = createTestIo();
    expect(await scanCommand.run([photo], io)).toBe(1);
    expect(stdout()).toContain('  Not inspected: IMG_0001.HEIC: a file type PHI Guard cannot read; it may hold PHI\n');
    expect(stderr()).toBe(`phi-guard scan: ${photo}: 1 attachment could not be inspected (unsupported)\n`);
  });

  it('colours the report only when stdout is a terminal', async () => {
    const path = await tempFile('c.txt', `SSN ${SSN}`);
    const plain = createTestIo();
    const tty = createTestIo({ tty: true });
    await scanCommand.run([path], plain.io);
    await scanCommand.run([path], tty.io);
    expect(plain.stdout()).not.toMatch(ANSI);
    expect(tty.stdout()).toMatch(ANSI);
  });

  it.each([
    ['no files', []],
    ['files with --jsonl', ['--jsonl', 'a.txt']],
    ['an unknown option', ['--colour']],
  ])('rejects a bad command line (%s) as a usage error', async (_label, args) => {
    const { io } = createTestIo();
    await expect(scanCommand.run(args, io)).rejects.toThrow(expect.objectContaining({ name: 'UsageError' }));
  });
});

describe('phi-guard scan --jsonl, as a process', () => {
  it('streams one output line per input line and exits non-zero when a line was malformed', async () => {
    const input = [
      JSON.stringify({ id: 'a', subject: 'x', body: `SSN ${SSN}` }),
      'not json',
      JSON.stringify({ id: 'c', body: 'hello' }),
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['scan', '--jsonl'], input);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['a', null, 'c']);
    expect(lines[1]).toEqual({ id: null, error: 'line 2: not valid JSON' });
    expect(code).toBe(1);
    expect(stderr).toBe('phi-guard scan: 1 of 3 lines could not be scanned\n');
  }, 60_000);

  it('exits 0 when every line was scanned', async () => {
    const { code, stdout } = await runCli(['scan', '--jsonl'], `${JSON.stringify({ id: 'a', body: `SSN ${SSN}` })}\n`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'a', findings: expect.any(Array) });
  }, 60_000);
});

describe('phi-guard scan --heic, as a process', () => {
  it('reads a HEIC photo by OCR, and a damaged one leaves nothing on stdout but the report', async () => {
    const photo = await tempFile('IMG_0001.HEIC', insuranceCardHeic());
    const damaged = await tempFile('IMG_0002.HEIC', insuranceCardHeic().subarray(0, 600));
    const { code, stdout, stderr } = await runCli(['scan', '--heic', photo, damaged], '');
    expect(stdout).toMatch(/\n {2}Attachment IMG_0001\.HEIC \(image\/heic\)\n(?:.*\n)*? {4}SSN +\d\.\d\d .*\[\[531-72-0846\]\]/);
    expect(stdout).toContain('  Not inspected: IMG_0002.HEIC: damaged, or not the type its name says; it may hold PHI\n');
    expect(stdout.split('\n').filter((line) => line !== '' && !line.startsWith(' ') && !line.endsWith('.HEIC'))).toEqual([]);
    expect(stderr).toBe(`phi-guard scan: ${damaged}: 1 attachment could not be inspected (malformed)\n`);
    expect(code).toBe(1);
  }, 60_000);
});

/** Runs src/cli.ts under tsx, resolving @phiguard/core to its source, as `npm run eval` does. */
function runCli(args: readonly string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const child = spawn(tsx, ['--conditions=@phiguard/source', join(ROOT, 'service/src/cli.ts'), ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
