import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '@phiguard/core';
import { checkCommand, checkJsonl, CheckRequestSchema, toDecisionInput } from './check.js';
import { dispatch } from './dispatch.js';
import { createTestIo } from './testing.js';

const SSN = '531-72-0846';
const policyOf = (input: object): Policy => {
  const r = parsePolicy(input);
  if (!r.ok) throw new Error('bad test policy');
  return r.policy;
};

async function check(lines: readonly (object | string)[], policy: Policy = DEFAULT_POLICY) {
  const { io, stdout } = createTestIo({ stdin: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') });
  const summary = await checkJsonl(io.stdin, io.stdout, { policy });
  const output = stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
  return { summary, output, raw: stdout() };
}

describe('check --jsonl', () => {
  it('writes the decision for each draft: action, reason codes, per recipient and fixes', async () => {
    const { output, summary } = await check([
      { id: 'a', subject: 'Follow-up', body: `Patient SSN ${SSN} has diabetes.`, to: ['dr.lee@elsewhere.example'] },
    ]);
    expect(summary).toEqual({ exitCode: 0, checked: 1, failed: 0 });
    const [line] = output;
    expect(Object.keys(line!).sort()).toEqual(['action', 'fixes', 'id', 'justificationRequired', 'overridable', 'perRecipient', 'reasons']);
    expect(line).toMatchObject({ id: 'a', action: 'encrypt', reasons: [{ code: 'phi_unprotected', recipients: ['dr.lee@elsewhere.example'] }] });
    expect(line!['fixes']).toContainEqual({ type: 'apply_protection', method: 'portal', recipients: ['dr.lee@elsewhere.example'] });
  });

  it('takes capability hints on recipients and the applied protection', async () => {
    const body = `Patient SSN ${SSN} has diabetes.`;
    const { output } = await check([
      { id: 1, body, to: [{ address: 'dr.lee@elsewhere.example', tls: 'enforced', pgp: true, consent: true }] },
      { id: 2, body, to: ['dr.lee@elsewhere.example'], protection: 'portal' },
    ]);
    expect(output[0]!['perRecipient'][0]).toMatchObject({ method: 'pgp', needsProtection: true });
    expect(output[1]).toMatchObject({ id: 2, action: 'allow' });
  });

  it('cc and bcc recipients are decided too, and say which list they were on', async () => {
    const { output } = await check([{ id: 'x', body: 'hello', to: ['a@one.example'], cc: ['b@two.example'], bcc: ['c@three.example'] }]);
    expect(output[0]!['perRecipient'].map((r: { type: string }) => r.type)).toEqual(['to', 'cc', 'bcc']);
  });

  it('uses the policy it is given', async () => {
    const strict = policyOf({ rules: { identifiers_only: 'block' } });
    const { output } = await check([{ id: 'x', body: `SSN ${SSN}`, to: ['a@one.example'] }], strict);
    expect(output[0]).toMatchObject({ action: 'block', reasons: [{ code: 'identifiers_only' }] });
  });

  it('never writes draft text', async () => {
    const { raw } = await check([{ id: 'x', subject: `SSN ${SSN}`, body: `SSN ${SSN}, diabetes`, to: ['a@one.example'] }]);
    expect(raw).not.toContain('0846');
    expect(raw).not.toContain('diabetes');
  });

  it('a bad line gets {id, error} naming the field, the rest are still checked, and the exit code is 1', async () => {
    const { output, summary } = await check([
      { id: 'a', body: 'hello', to: ['a@one.example'] },
      { id: 'b', to: [{ address: 'a@one.example', tls: 'maybe' }] },
      '{"id": "c", ',
      { id: 'd', body: 'hello', to: ['not an address'] },
      { id: 'e', body: 'hello', protection: 'carrier pigeon' },
      { id: 'f', body: 'hello' },
    ]);
    expect(output.map((o) => o['id'])).toEqual(['a', 'b', null, 'd', 'e', 'f']);
    expect(output[1]!['error']).toMatch(/^line 2: to\[0\]\.tls: /);
    expect(output[2]!['error']).toBe('line 3: not valid JSON');
    expect(output[3]!['error']).toMatch(/^line 4: to\[0\]\.address: /);
    expect(output[4]!['error']).toMatch(/^line 5: protection: /);
    expect(summary).toEqual({ exitCode: 1, checked: 2, failed: 4 });
  });
});

describe('toDecisionInput', () => {
  it("gives the scanner the policy's organisation, so its own numbers are never flagged", () => {
    const policy = policyOf({ organisation: { domains: ['clinic.example'], phones: ['412 555 0100'] } });
    const { draft } = toDecisionInput(CheckRequestSchema.parse({ id: 1, body: 'x' }), policy);
    expect(draft.org).toMatchObject({ domains: ['clinic.example'], phones: ['412 555 0100'] });
  });
});

describe('phi-guard check', () => {
  async function run(args: string[], stdin = '') {
    const t = createTestIo({ stdin });
    const exitCode = await dispatch([checkCommand], ['check', ...args], t.io);
    return { exitCode, stdout: t.stdout(), stderr: t.stderr() };
  }

  it('uses the default policy when no file is given', async () => {
    const { exitCode, stdout } = await run(['--jsonl'], JSON.stringify({ id: 1, body: `SSN ${SSN}`, to: ['a@one.example'] }));
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 1, action: 'warn', reasons: [{ code: 'identifiers_only' }] });
  });

  it('reads --policy FILE', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'phi-guard-check-')), 'p.json');
    await writeFile(path, JSON.stringify({ rules: { identifiers_only: 'allow' } }));
    const { exitCode, stdout } = await run(['--jsonl', '--policy', path], JSON.stringify({ id: 1, body: `SSN ${SSN}`, to: ['a@one.example'] }));
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'allow' });
  });

  it('an invalid policy file stops before reading drafts, with each problem and its path', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'phi-guard-check-')), 'p.json');
    await writeFile(path, JSON.stringify({ failMode: 'ajar' }));
    const { exitCode, stdout, stderr } = await run(['--jsonl', '--policy', path], '{"id":1}');
    expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(stderr).toContain(`${path}: failMode: `);
  });

  it('reports how many lines failed on stderr', async () => {
    const { exitCode, stderr } = await run(['--jsonl'], '{"id":1}\nnot json\n');
    expect(exitCode).toBe(1);
    expect(stderr).toBe('phi-guard check: 1 of 2 lines could not be checked\n');
  });

  it.each([[[]], [['--jsonl', 'file.jsonl']], [['--jsonl', '--policy']], [['--nope']]])('rejects the command line %j', async (args) => {
    expect((await run(args)).exitCode).toBe(2);
  });
});
