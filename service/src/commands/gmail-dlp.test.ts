import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@phiguard/core';
import { planGmailDlp, type GmailDlpPlan } from '../gmail-dlp/rules.js';
import { dispatch } from './dispatch.js';
import { createGmailDlpCommand } from './gmail-dlp.js';
import { createTestIo } from './testing.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'phi-guard-gmail-dlp-'));
}

async function tempPolicy(content: object | string): Promise<string> {
  const path = join(await tempDir(), 'policy.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function run(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const t = createTestIo();
  const command = createGmailDlpCommand(() => ({ env, cwd: cwd ?? tmpdir() }));
  const exitCode = await dispatch([command], ['gmail-dlp', ...args], t.io);
  return { exitCode, stdout: t.stdout(), stderr: t.stderr() };
}

const json = (stdout: string) => JSON.parse(stdout) as GmailDlpPlan;

describe('phi-guard gmail-dlp', () => {
  it('prints the Markdown instructions for the default policy, and says the portal exception is missing', async () => {
    const { exitCode, stdout, stderr } = await run([]);
    expect(exitCode).toBe(0);
    expect(stdout.startsWith('# PHI Guard: Gmail DLP rules\n')).toBe(true);
    expect(stdout).toContain('No service URL was given');
    expect(stderr).toBe("phi-guard gmail-dlp: no service URL (--service-url or PHIGUARD_PUBLIC_URL): the rules have no exception for PHI Guard's portal notices.\n");
  });

  it('--format json prints exactly the plan for the policy and service URL', async () => {
    const { exitCode, stdout, stderr } = await run(['--format', 'json', '--service-url', 'https://secure.clinic.example.org/']);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(json(stdout)).toEqual(JSON.parse(JSON.stringify(planGmailDlp(DEFAULT_POLICY, { serviceUrl: 'https://secure.clinic.example.org' }))));
  });

  it('--policy FILE: a changed rule changes the generated action', async () => {
    const path = await tempPolicy({ rules: { phi_in_subject: 'warn' } });
    const { exitCode, stdout } = await run(['--format', 'json', '--policy', path]);
    expect(exitCode).toBe(0);
    expect(json(stdout).rules.find((r) => r.id === 'phi-guard-subject')).toMatchObject({ policyAction: 'warn', action: 'warn' });
  });

  it('reads the policy file and the public URL from the configuration, as serve does', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'policy.json'), JSON.stringify({ organisation: { domains: ['lakeside.example'] } }));
    const { exitCode, stdout, stderr } = await run(['--format', 'json'], { PHIGUARD_POLICY_FILE: 'policy.json', PHIGUARD_PUBLIC_URL: 'https://portal.lakeside.example' }, cwd);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(json(stdout)).toMatchObject({ organisation: { domains: ['lakeside.example'] }, serviceUrl: 'https://portal.lakeside.example' });
  });

  it('options win over the configuration, which is then not read at all', async () => {
    const path = await tempPolicy({});
    const { exitCode, stdout } = await run(['--format', 'json', '--policy', path, '--service-url', 'https://a.example'], { PHIGUARD_PORT: 'not a port' });
    expect(exitCode).toBe(0);
    expect(json(stdout).serviceUrl).toBe('https://a.example');
  });

  it('an invalid policy file is reported with each problem, and nothing is printed', async () => {
    const path = await tempPolicy({ rules: { phi_external: 'quarantine' } });
    const { exitCode, stdout, stderr } = await run(['--policy', path]);
    expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(stderr).toContain(`${path}: rules.phi_external:`);
  });

  it('an invalid configuration is reported by setting, without its value', async () => {
    const { exitCode, stdout, stderr } = await run([], { PHIGUARD_PUBLIC_URL: 'https://portal.example/?token=secret' });
    expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(stderr).toContain('portal.publicUrl: Expected a URL without a query or fragment');
    expect(stderr).not.toContain('secret');
  });

  it('--help prints the usage', async () => {
    const { exitCode, stdout } = await run(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('phi-guard gmail-dlp [--policy FILE] [--service-url URL] [--format markdown|json]');
  });

  it.each([[['--format', 'xml']], [['--service-url', 'ftp://example.org']], [['--service-url', 'https://a.example/?x=1']], [['policy.json']], [['--nope']]])(
    'rejects the command line %j',
    async (args) => {
      const { exitCode, stdout, stderr } = await run(args);
      expect({ exitCode, stdout }).toEqual({ exitCode: 2, stdout: '' });
      expect(stderr).toContain("Run 'phi-guard gmail-dlp --help' for usage.");
    },
  );
});
