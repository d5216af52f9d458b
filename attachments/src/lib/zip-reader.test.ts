import { describe, expect, it } from '@jest/globals';
import { strToU8 } from 'fflate';
import { testJob } from '../testing/job.js';
import { PHI_TEXT, withEncryptedEntries, zip64With, zipBomb, zipWith, type Zip64Field } from '../testing/fixtures.js';
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

/** What Info-ZIP 3.0's `zip -fz` wrote for a file holding PHI_TEXT: stored, its size in a ZIP64 field after UT and ux fields, the directory offset only in the ZIP64 end record. */
const INFO_ZIP_FZ = Uint8Array.from(atob(
  'UEsDBC0AAAAAAC4Xel3dPSV0//////////8IADAAbm90ZS50eHRVVAkAAxegB2sXoAdrdXgLAAEEAAAAAAQAAAAAAQAQAD0AAAAAAAAAPQAAAAAAAABQYXRpZW50IE1hcmlhIEdvbnphbGV6LCBTU04gNTMxLTcyLTA4NDYsIGhhcyB0eXBlIDIgZGlhYmV0ZXMuUEsBAh4DLQAAAAAALhd6Xd09JXQ9AAAA/////wgAJAAAAAAAAQAAAKSBAAAAAG5vdGUudHh0VVQFAAMXoAdrdXgLAAEEAAAAAAQAAAAAAQAIAD0AAAAAAAAAUEsGBiwAAAAAAAAAHgMtAAAAAAAAAAAAAQAAAAAAAAABAAAAAAAAAFoAAAAAAAAAkwAAAAAAAABQSwYHAAAAAO0AAAAAAAAAAQAAAFBLBQYAAAAAAQABAFoAAAD/////AAA=',
), (c) => c.charCodeAt(0));

/** Where the last record with this signature starts; `a.txt` is the one file, so its central header is 46 + 5 bytes, then a 9-byte timestamp field. */
function lastRecord(zip: Uint8Array, signature: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 4; at >= 0; at--) if (view.getUint32(at, true) === signature) return at;
  throw new Error('no such record');
}

function patched(zip: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = zip.slice();
  edit(new DataView(copy.buffer));
  return copy;
}

describe('ZIP64 archives (APPNOTE 4.3.14–4.3.15, 4.5.3)', () => {
  const text = (zip: Uint8Array, name: string) => {
    const entry = listZip(zip).find((e) => e.name === name)!;
    return new TextDecoder().decode(inflateEntry(zip, entry, 1_000_000, testJob()));
  };

  it('are listed and read through the ZIP64 end record and extra fields', () => {
    const zip = zip64With({ 'a.txt': 'alpha', 'docs/': new Uint8Array(0), 'docs/note.txt': PHI_TEXT });
    expect(listZip(zip).map((e) => [e.name, e.declaredSize])).toEqual([['a.txt', 5], ['docs/note.txt', PHI_TEXT.length]]);
    expect(text(zip, 'docs/note.txt')).toBe(PHI_TEXT);
  });

  it.each<[string, Zip64Field[]]>([
    ['only the size', ['size']],
    ['only the compressed size', ['compressedSize']],
    ['only the offset', ['offset']],
    ['size and offset', ['size', 'offset']],
    ['none', []],
  ])('take from the extra field exactly the header fields marked all ones: %s', (_label, fields) => {
    const zip = zip64With({ 'a.txt': 'alpha', 'b.txt': PHI_TEXT }, { fields });
    expect(listZip(zip).map((e) => e.declaredSize)).toEqual([5, PHI_TEXT.length]);
    expect(text(zip, 'b.txt')).toBe(PHI_TEXT);
  });

  it('as Info-ZIP writes them with zip -fz', () => {
    expect(listZip(INFO_ZIP_FZ).map((e) => [e.name, e.method, e.declaredSize])).toEqual([['note.txt', 0, PHI_TEXT.length]]);
    expect(text(INFO_ZIP_FZ, 'note.txt')).toBe(PHI_TEXT);
  });

  it('still stop inflating at the cap when the ZIP64 size lies', () => {
    const zip = zip64With({ 'data.txt': new Uint8Array(5_000_000) }, { declaredSize: 1024 });
    const [entry] = listZip(zip);
    expect(entry!.declaredSize).toBe(1024);
    expect(inflateEntry(zip, entry!, 100_000, testJob())).toBeUndefined();
  });

  it('state sizes past 4 GB in full, so the budget refuses them before inflating', () => {
    const zip = zip64With({ 'data.txt': 'small' }, { declaredSize: 2 ** 40 });
    expect(listZip(zip)[0]!.declaredSize).toBe(2 ** 40);
    expect(refusalOf(() => checkExpansion(zip, testJob()))).toBe('decompression_limit');
  });

  it.each<[string, (zip: Uint8Array) => Uint8Array]>([
    ['ZIP64 marks in the end record but no locator', (zip) => patched(zip, (v) => v.setUint32(lastRecord(zip, 0x07064b50), 0, true))],
    ['a locator pointing past itself', (zip) => patched(zip, (v) => v.setBigUint64(lastRecord(zip, 0x07064b50) + 8, 2n ** 40n, true))],
    ['a locator pointing at something else', (zip) => patched(zip, (v) => v.setBigUint64(lastRecord(zip, 0x07064b50) + 8, 0n, true))],
    ['an end record that disagrees with the ZIP64 record', (zip) => patched(zip, (v) => v.setUint16(lastRecord(zip, 0x06054b50) + 10, 7, true))],
    ['a directory entry marked all ones with no ZIP64 extra field', (zip) => patched(zip, (v) => v.setUint16(lastRecord(zip, 0x02014b50) + 46 + 5 + 9, 0x9999, true))],
    ['a ZIP64 extra field too short for the fields marked', (zip) => patched(zip, (v) => v.setUint16(lastRecord(zip, 0x02014b50) + 46 + 5 + 9 + 2, 16, true))],
  ])('are refused as malformed with %s', (_label, damage) => {
    expect(refusalOf(() => listZip(damage(zip64With({ 'a.txt': 'alpha' }))))).toBe('malformed');
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
