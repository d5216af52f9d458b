import { describe, expect, it } from '@jest/globals';
import { scanJsonl } from './scan-jsonl.js';
import { createTestIo } from './testing.js';

const SSN = '531-72-0846';

async function run(lines: readonly string[]) {
  const { io, stdout } = createTestIo({ stdin: lines.join('\n') });
  const summary = await scanJsonl(io.stdin, io.stdout);
  const output = stdout()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { summary, output, raw: stdout() };
}

describe('scan --jsonl', () => {
  it('writes one line per input line, in input order, carrying each id', async () => {
    const { summary, output } = await run([
      JSON.stringify({ id: 'a', subject: 'x', body: `SSN ${SSN}` }),
      JSON.stringify({ id: 'b', body: 'see you at lunch' }),
      JSON.stringify({ id: 3, subject: `SSN ${SSN}`, to: ['clinic@example.org'] }),
    ]);
    expect(output.map((o) => o['id'])).toEqual(['a', 'b', 3]);
    expect(summary).toEqual({ exitCode: 0, scanned: 3, failed: 0 });
  });

  it('reports the verdict and findings with exactly the contract fields, offsets into the field', async () => {
    const body = `Patient SSN ${SSN} on file`;
    const { output } = await run([JSON.stringify({ id: 'a', subject: 'x', body })]);
    const [line] = output;
    expect(Object.keys(line ?? {}).sort()).toEqual(['findings', 'id', 'phi', 'subjectPhi']);
    expect(typeof line?.['phi']).toBe('boolean');
    expect(typeof line?.['subjectPhi']).toBe('boolean');
    const findings = line?.['findings'] as Array<Record<string, unknown>>;
    const ssn = findings.find((f) => f['kind'] === 'SSN');
    expect(ssn).toBeDefined();
    expect(Object.keys(ssn ?? {}).sort()).toEqual(['category', 'end', 'field', 'kind', 'score', 'start']);
    expect(ssn?.['field']).toBe('body');
    expect(body.slice(ssn?.['start'] as number, ssn?.['end'] as number)).toBe(SSN);
  });

  it('a malformed JSON line yields an error line and the rest are still scanned', async () => {
    const { summary, output } = await run([
      JSON.stringify({ id: 'a', body: `SSN ${SSN}` }),
      `{"id": "b", "body": "SSN ${SSN}"`,
      JSON.stringify({ id: 'c', body: `SSN ${SSN}` }),
    ]);
    expect(output).toHaveLength(3);
    expect(output[1]).toEqual({ id: null, error: 'line 2: not valid JSON' });
    expect(output[2]?.['id']).toBe('c');
    expect(output[2]?.['findings']).toBeDefined();
    expect(summary).toEqual({ exitCode: 1, scanned: 2, failed: 1 });
  });

  it.each([
    ['a body that is not a string', { id: 'k1', body: 42 }, 'k1', 'line 1: body: '],
    ['a recipient that is not a string', { id: 'k2', to: ['a@example.org', 7] }, 'k2', 'line 1: to[1]: '],
    ['a missing id', { body: `SSN ${SSN}` }, null, 'line 1: id: is required'],
    ['an id that is an object', { id: { x: 1 }, body: 'x' }, null, 'line 1: id: expected a string or a number'],
    ['an array instead of an object', [`SSN ${SSN}`], null, 'line 1: '],
  ])('a line failing the schema (%s) yields an error line with the id when valid', async (_label, input, id, prefix) => {
    const { summary, output } = await run([JSON.stringify(input)]);
    expect(output).toEqual([{ id, error: expect.stringContaining(prefix) }]);
    expect(summary.exitCode).toBe(1);
  });

  it('error lines never echo the input text', async () => {
    const { raw } = await run([
      `{"id": "a", "body": "Jane Roe SSN ${SSN}", oops}`,
      `SSN ${SSN} Jane Roe`,
      JSON.stringify({ id: 'b', subject: 12, body: `Jane Roe SSN ${SSN}` }),
    ]);
    expect(raw).not.toContain(SSN);
    expect(raw).not.toContain('Jane Roe');
  });
});
