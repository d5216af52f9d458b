import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_POLICY, parsePolicy } from '@phiguard/core';
import { dispatch } from './dispatch.js';
import { policyCheckCommand } from './policy.js';
import { createTestIo } from './testing.js';

const EXAMPLE = resolve(__dirname, '../../../shared/policy.example.json');

async function tempPolicy(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'phi-guard-policy-')), 'policy.json');
  await writeFile(path, content);
  return path;
}

async function run(args: string[]) {
  const t = createTestIo();
  const exitCode = await dispatch([policyCheckCommand], ['policy', 'check', ...args], t.io);
  return { exitCode, stdout: t.stdout(), stderr: t.stderr() };
}

describe('phi-guard policy check FILE', () => {
  it('the documented example policy is valid, and is printed with every field', async () => {
    const { exitCode, stdout, stderr } = await run([EXAMPLE]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    const printed = JSON.parse(stdout) as unknown;
    expect(parsePolicy(printed)).toEqual({ ok: true, policy: printed });
  });

  it('an empty policy prints the defaults: the effective policy an admin gets', async () => {
    const { exitCode, stdout } = await run([await tempPolicy('{}')]);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toEqual(DEFAULT_POLICY);
  });

  it('prints each problem with the path of its field and exits 1', async () => {
    const path = await tempPolicy(JSON.stringify({ rules: { phi_external: 'quarantine', phi_externel: 'block' }, organisation: { domains: ['bad domain'] } }));
    const { exitCode, stdout, stderr } = await run([path]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean).sort()).toEqual([
      `${path}: organisation.domains[0]: Expected a domain such as example.org. (invalid_format)`,
      `${path}: rules.phi_external: Invalid option: expected one of "allow"|"warn"|"encrypt"|"block" (invalid_value)`,
      `${path}: rules.phi_externel: Unknown field; check its spelling against the policy reference. (unknown_field)`,
    ]);
  });

  it('a file that is not JSON is named without quoting it', async () => {
    const { exitCode, stderr } = await run([await tempPolicy('{ secret-looking text')]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('The policy file is not valid JSON. (invalid_json)');
    expect(stderr).not.toContain('secret');
  });

  it('a missing file is reported as such', async () => {
    const { exitCode, stderr } = await run(['/nonexistent/policy.json']);
    expect(exitCode).toBe(1);
    expect(stderr).toBe('/nonexistent/policy.json: file not found (file_not_found)\n');
  });

  it.each([[[]], [['a.json', 'b.json']]])('needs exactly one file (%j)', async (args) => {
    expect((await run(args)).exitCode).toBe(2);
  });
});
