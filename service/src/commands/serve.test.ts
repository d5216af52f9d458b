import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './command.js';
import { devTokenCommand } from './dev-token.js';
import { serveCommand } from './serve.js';
import { createTestIo } from './testing.js';

const ROOT = resolve(__dirname, '../../..');

/** `phi-guard serve` as its own process (src/cli.ts under tsx), so real signals reach it. */
function spawnServe(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const child = spawn(
    process.execPath,
    ['--conditions=@phiguard/source', '--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'service/src/cli.ts'), 'serve', ...args],
    { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function urlOf(run: ReturnType<typeof spawnServe>, child: ChildProcessWithoutNullStreams): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const match = /PHI Guard service listening on (http:\/\/\S+)/.exec(run.stdout());
    if (match) return match[1]!;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`serve did not start: ${run.stderr()}`);
}

describe('phi-guard serve', () => {
  it('with no configuration: SQLite in ./.data, prints its URL, serves, and stops cleanly on SIGTERM', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'phi-guard-serve-'));
    const run = spawnServe(['--port', '0', '--dev'], { cwd });
    const url = await urlOf(run, run.child);
    expect(run.stdout()).toContain(`store: SQLite in ${join(cwd, '.data')}`);
    expect(run.stdout()).toContain('DEV MODE');
    expect(existsSync(join(cwd, '.data', 'phi-guard.db'))).toBe(true);

    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const { io, stdout } = createTestIo();
    await devTokenCommand.run(['--data', join(cwd, '.data'), '--sub', 'alice', '--role', 'auditor'], io);
    const me = await fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${stdout().trim()}` } });
    expect(await me.json()).toMatchObject({ sub: 'alice', roles: ['user', 'auditor'] });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/"msg":"stopped"/);
    expect(run.stderr()).toBe('');
  }, 60_000);

  it('refuses an invalid configuration at start-up, naming the setting and never its secret value', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'phi-guard-serve-'));
    const run = spawnServe([], { cwd, env: { PHIGUARD_PORT: 'eighty', DATABASE_URL: 'mysql://svc:Sup3rS3cret@db/phi' } });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe(
      'phi-guard serve: invalid configuration\n' +
        '  port from PHIGUARD_PORT: Invalid input: expected number, received string (invalid_type)\n' +
        '  databaseUrl from DATABASE_URL: Expected a postgres:// or postgresql:// URL (invalid_format)\n',
    );
    expect(run.stdout()).toBe('');
  }, 60_000);

  it('a bad command line is a usage error', async () => {
    const { io } = createTestIo();
    await expect(serveCommand.run(['--port', 'http'], io)).rejects.toThrow(UsageError);
    await expect(serveCommand.run(['extra'], io)).rejects.toThrow(UsageError);
  });
});
