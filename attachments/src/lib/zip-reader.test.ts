import { describe, expect, it } from '@jest/globals';
import { strToU8 } from 'fflate';
import { testJob } from '../testing/job.js';
import { withEncryptedEntries, zipBomb, zipWith } from '../testing/fixtures.js';
import { checkExpansion, inflateEntry, listZip } from './zip-reader.js';
import { Refusal } from './job.js';

/** Text that does not compress to nothing, long enough to take many inflate steps. */
const LONG = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${(i * 7919) % 10007}`).join('\n');

function refusalOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal) return error.reason;
    throw error;
  }
  return undefined;
}

describe('listing a ZIP from its central directory', () => {
  it('lists files with their declared sizes, leaving folders out', () => {
    const zip = zipWith({ 'a.txt': 'alpha', 'docs/': new Uint8Array(0), 'docs/b.txt': 'bravo!' });
    expect(listZip(zip).map((e) => [e.name, e.declaredSize, e.encrypted])).toEqual([['a.txt', 5, false], ['docs/b.txt', 6, false]]);
  });

  it.each([
    ['cut short', zipWith({ 'a.txt': 'alpha' }).subarray(0, 40)],
    ['not a ZIP at all', strToU8('PK\x03\x04 and then nothing like a ZIP')],
  ])('refuses an archive %s as malformed', (_label, zip) => {
    expect(refusalOf(() => listZip(zip))).toBe('malformed');
  });
});

describe('inflating an entry within a byte cap', () => {
  it('gives back the content, stored or deflated, across many steps', () => {
    for (const level of [0, 9] as const) {
      const zip = zipWith({ 'long.txt': LONG }, level);
      const out = inflateEntry(zip, listZip(zip)[0]!, 10_000_000, testJob());
      expect(new TextDecoder().decode(out)).toBe(LONG);
    }
  });

  it('stops as soon as the output passes the cap, whatever the headers declare', () => {
    const zip = zipBomb(20_000_000, { lie: true });
    const [entry] = listZip(zip);
    expect(entry!.declaredSize).toBe(1024);
    expect(inflateEntry(zip, entry!, 100_000, testJob())).toBeUndefined();
  });

  it('refuses an encrypted entry without reading it', () => {
    const zip = withEncryptedEntries(zipWith({ 'a.txt': 'alpha' }));
    expect(refusalOf(() => inflateEntry(zip, listZip(zip)[0]!, 1000, testJob()))).toBe('encrypted');
  });

  it('stops at the deadline between steps', () => {
    const zip = zipWith({ 'long.txt': LONG }, 9);
    const job = { ...testJob(), deadline: Date.now() - 1 };
    expect(refusalOf(() => inflateEntry(zip, listZip(zip)[0]!, 10_000_000, job))).toBe('timeout');
  });
});

describe('checking an Office file’s expansion before a library opens it', () => {
  it('spends the decompressed bytes from the job’s budget', () => {
    const job = testJob({ maxDecompressedBytes: 1_000_000 });
    checkExpansion(zipWith({ 'a.xml': LONG }), job);
    expect(job.decompressedLeft).toBe(1_000_000 - LONG.length);
  });

  it.each([
    ['declares more than the budget', zipBomb(2_000_000)],
    ['declares little but expands past the budget', zipBomb(2_000_000, { lie: true })],
  ])('refuses a file that %s', (_label, zip) => {
    expect(refusalOf(() => checkExpansion(zip, testJob({ maxDecompressedBytes: 1_000_000 })))).toBe('decompression_limit');
  });

  it('refuses a file with encrypted parts', () => {
    expect(refusalOf(() => checkExpansion(withEncryptedEntries(zipWith({ 'a.xml': '<a/>' })), testJob()))).toBe('encrypted');
  });
});
