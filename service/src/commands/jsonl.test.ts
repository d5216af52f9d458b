import { describe, expect, it } from '@jest/globals';
import { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { IdSchema, processJsonl } from './jsonl.js';
import { createTestIo } from './testing.js';

const SECRET = 'Jane Roe 531-72-0846';

const EchoSchema = z.object({ id: IdSchema, n: z.number().int(), tags: z.array(z.string()).optional() });
type Echo = z.infer<typeof EchoSchema>;

/** Doubles `n`; throws for n = 13 with a message that quotes the request, as a careless handler might. */
function handle({ n }: Echo): { doubled: number } {
  if (n === 13) throw new TypeError(`unlucky: ${SECRET}`);
  return { doubled: n * 2 };
}

async function run(input: Readable | string, output?: Writable) {
  const { io, stdout } = createTestIo({ stdin: typeof input === 'string' ? input : '' });
  const summary = await processJsonl({
    input: typeof input === 'string' ? io.stdin : input,
    output: output ?? io.stdout,
    schema: EchoSchema,
    verb: 'doubled',
    handle,
  });
  const raw = stdout();
  const lines = raw
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { summary, lines, raw };
}

const line = (value: unknown) => JSON.stringify(value);

describe('processJsonl', () => {
  it('writes one line per input line, in input order, with the id first and then the response', async () => {
    const { summary, lines, raw } = await run([line({ id: 'a', n: 1 }), line({ id: 2, n: 2 }), line({ id: 'c', n: 3 })].join('\n'));
    expect(lines).toEqual([
      { id: 'a', doubled: 2 },
      { id: 2, doubled: 4 },
      { id: 'c', doubled: 6 },
    ]);
    expect(raw.split('\n')[0]).toBe('{"id":"a","doubled":2}');
    expect(summary).toEqual({ exitCode: 0, ok: 3, failed: 0 });
  });

  it('skips blank lines but counts them in line numbers', async () => {
    const { summary, lines } = await run(['', line({ id: 'a', n: 1 }), '   ', '\t', '{bad', ''].join('\n'));
    expect(lines).toEqual([
      { id: 'a', doubled: 2 },
      { id: null, error: 'line 5: not valid JSON' },
    ]);
    expect(summary).toEqual({ exitCode: 1, ok: 1, failed: 1 });
  });

  it('answers a line that is not JSON without echoing it, and handles the rest', async () => {
    const { summary, lines, raw } = await run([line({ id: 'a', n: 1 }), `{"id": "b", "n": 2, "note": "${SECRET}"`, line({ id: 'c', n: 3 })].join('\n'));
    expect(lines).toEqual([
      { id: 'a', doubled: 2 },
      { id: null, error: 'line 2: not valid JSON' },
      { id: 'c', doubled: 6 },
    ]);
    expect(raw).not.toContain(SECRET);
    expect(summary).toEqual({ exitCode: 1, ok: 2, failed: 1 });
  });

  it.each([
    ['a field of the wrong type', { id: 'k1', n: 'two' }, 'k1', /^line 1: n: /],
    ['an array element of the wrong type', { id: 'k2', n: 1, tags: ['ok', 7] }, 'k2', /^line 1: tags\[1\]: /],
    ['two problems, both named', { id: 'k3', n: 1.5, tags: 'x' }, 'k3', /^line 1: n: .+; tags: /],
    ['a missing id', { n: 1 }, null, /^line 1: id: is required$/],
    ['an id that is an object', { id: { x: 1 }, n: 1 }, null, /^line 1: id: expected a string or a number$/],
    ['an empty string id', { id: '', n: 1 }, null, /^line 1: id: /],
    ['an array instead of an object', [1, 2], null, /^line 1: Invalid input: expected object/],
    ['a bare string', SECRET, null, /^line 1: Invalid input: expected object/],
  ])('a line failing the schema (%s) names the field and keeps the id when it is valid', async (_label, input, id, error) => {
    const { summary, lines, raw } = await run(line(input));
    expect(lines).toEqual([{ id, error: expect.stringMatching(error) }]);
    expect(raw).not.toContain(SECRET);
    expect(summary).toEqual({ exitCode: 1, ok: 0, failed: 1 });
  });

  it('a handler that throws yields an error line naming the error but not its message, and the rest are handled', async () => {
    const { summary, lines, raw } = await run([line({ id: 'a', n: 13 }), line({ id: 'b', n: 1 })].join('\n'));
    expect(lines).toEqual([
      { id: 'a', error: 'line 1: could not be doubled (internal error (TypeError))' },
      { id: 'b', doubled: 2 },
    ]);
    expect(raw).not.toContain(SECRET);
    expect(summary).toEqual({ exitCode: 1, ok: 1, failed: 1 });
  });

  it('awaits a handler that returns a promise, and catches its rejection', async () => {
    const { io, stdout } = createTestIo({ stdin: [line({ id: 'a', n: 1 }), line({ id: 'b', n: 13 })].join('\n') });
    const summary = await processJsonl({
      input: io.stdin,
      output: io.stdout,
      schema: EchoSchema,
      verb: 'doubled',
      handle: async (request: Echo) => handle(request),
    });
    expect(stdout().trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { id: 'a', doubled: 2 },
      { id: 'b', error: 'line 2: could not be doubled (internal error (TypeError))' },
    ]);
    expect(summary.exitCode).toBe(1);
  });

  it.each([
    ['no input at all', '', { exitCode: 0, ok: 0, failed: 0 }],
    ['only blank lines', '\n  \n\n', { exitCode: 0, ok: 0, failed: 0 }],
    ['every line handled', line({ id: 1, n: 1 }), { exitCode: 0, ok: 1, failed: 0 }],
    ['one line failed', `${line({ id: 1, n: 1 })}\n{`, { exitCode: 1, ok: 1, failed: 1 }],
  ])('exit code: %s', async (_label, input, expected) => {
    expect((await run(input)).summary).toEqual(expected);
  });

  it('accepts CRLF line endings', async () => {
    const { lines } = await run(`${line({ id: 'a', n: 1 })}\r\n${line({ id: 'b', n: 2 })}\r\n`);
    expect(lines.map((l) => l['id'])).toEqual(['a', 'b']);
  });

  it('reads input that arrives in arbitrary chunks, split inside lines', async () => {
    const text = [1, 2, 3].map((n) => line({ id: `m${n}`, n })).join('\n');
    const { lines, summary } = await run(Readable.from(text.match(/[\s\S]{1,7}/g) ?? []));
    expect(lines.map((l) => l['id'])).toEqual(['m1', 'm2', 'm3']);
    expect(summary.exitCode).toBe(0);
  });

  it('waits for a slow output to drain, and keeps the order', async () => {
    const written: string[] = [];
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer | string, _encoding, done) {
        written.push(chunk.toString());
        setTimeout(done, 1);
      },
    });
    const input = Array.from({ length: 20 }, (_, n) => line({ id: n, n: 1 })).join('\n');
    const { summary } = await run(Readable.from([input]), slow);
    expect(summary).toEqual({ exitCode: 0, ok: 20, failed: 0 });
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(written.map((w) => (JSON.parse(w) as { id: number }).id)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });
});
