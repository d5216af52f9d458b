import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanCommand } from './scan.js';
import { createTestIo } from './testing.js';

const ROOT = resolve(__dirname, '../../..');
const SAMPLES = join(ROOT, 'service/samples');
const SSN = '531-72-0846';
const ANSI = /\x1b\[/;

async function tempFile(name: string, content: string): Promise<string> {
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

  it('reads every sample, .eml and .txt, with exit code 0 whatever the verdict', async () => {
    const files = ['referral.eml', 'staff-meeting.eml', 'lab-results-qp.eml', 'html-only.eml', 'referral-note.txt', 'staff-note.txt'];
    const { io, stdout, stderr } = createTestIo();
    const exitCode = await scanCommand.run(files.map((f) => join(SAMPLES, f)), io);
    expect(exitCode).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout().match(/^  PHI: /gm)).toHaveLength(files.length);
  });

  it('lists attachments that could not be read as not scanned', async () => {
    const { io, stdout } = createTestIo();
    await scanCommand.run([join(SAMPLES, 'referral.eml')], io);
    expect(stdout()).toContain('Not scanned: echo-report.pdf (application/pdf) has no readable text');
  });

  it('a file that cannot be read is named on stderr, the others are still scanned, and the exit code is non-zero', async () => {
    const good = await tempFile('good.txt', `SSN ${SSN}`);
    const notMail = await tempFile('notes.eml', `Jane Roe SSN ${SSN}\nno headers here\n`);
    const missing = join(tmpdir(), 'phi-guard-no-such-file.eml');
    const { io, stdout, stderr } = createTestIo();
    const exitCode = await scanCommand.run([missing, notMail, good, join(ROOT, 'package.json')], io);
    expect(exitCode).toBe(1);
    expect(stdout()).toContain(good);
    expect(stderr()).toContain(`phi-guard scan: ${missing}: file not found\n`);
    expect(stderr()).toContain(`phi-guard scan: ${notMail}: not an email message`);
    expect(stderr()).toContain('package.json: unsupported file type');
    expect(stderr()).not.toContain(SSN);
    expect(stderr()).not.toMatch(/\n\s+at /);
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
