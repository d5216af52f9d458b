import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, docxWith, PHI_TEXT, pdfWith, utf8, withEncryptedEntries, zip64With, zipBomb, zipWith } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

describe('ZIP attachments', () => {
  it('give each file inside as archive/path, with its own pages', async () => {
    const data = zipWith({ 'letters/referral.pdf': await pdfWith([CLEAN_TEXT, PHI_TEXT]), 'readme.txt': CLEAN_TEXT });
    const { parts, uninspectable } = await extractText({ name: 'records.zip', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => [p.name, p.page])).toEqual([
      ['records.zip/letters/referral.pdf', 1],
      ['records.zip/letters/referral.pdf', 2],
      ['records.zip/readme.txt', undefined],
    ]);
    expect(parts.map(scansAsPhi)).toEqual([false, true, false]);
  });

  it('in ZIP64 form are read the same, within the same limits', async () => {
    const data = zip64With({ 'letters/referral.docx': docxWith([PHI_TEXT]), 'readme.txt': CLEAN_TEXT, 'extra.txt': 'x' });
    const { parts, uninspectable } = await extractText({ name: 'records.zip', data }, { limits: { maxEntries: 2 } });
    expect(parts.map((p) => p.name)).toEqual(['records.zip/letters/referral.docx', 'records.zip/readme.txt']);
    expect(parts.map(scansAsPhi)).toEqual([true, false]);
    expect(uninspectable).toEqual([{ name: 'records.zip', reason: 'too_many_entries' }]);
    const bomb = await extractText({ name: 'bomb.zip', data: zip64With({ 'data.txt': new Uint8Array(5_000_000) }, { declaredSize: 1024 }) }, { limits: { maxDecompressedBytes: 1_000_000 } });
    expect(bomb).toEqual({ parts: [], uninspectable: [{ name: 'bomb.zip', reason: 'decompression_limit' }] });
  });

  it('stay clean when nothing in them is PHI, and skip macOS Finder metadata', async () => {
    const data = zipWith({ 'agenda.txt': CLEAN_TEXT, '__MACOSX/._agenda.txt': new Uint8Array([0, 5, 22, 7, 0, 2]), '.DS_Store': new Uint8Array([0, 0, 0, 1]) });
    const { parts, uninspectable } = await extractText({ name: 'agenda.zip', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.name)).toEqual(['agenda.zip/agenda.txt']);
    expect(parts.some(scansAsPhi)).toBe(false);
  });

  it('are opened one level: a ZIP inside is not opened', async () => {
    const data = zipWith({ 'inner.zip': zipWith({ 'note.txt': PHI_TEXT }), 'note.txt': CLEAN_TEXT });
    const { parts, uninspectable } = await extractText({ name: 'outer.zip', data });
    expect(parts.map((p) => p.name)).toEqual(['outer.zip/note.txt']);
    expect(uninspectable).toEqual([{ name: 'outer.zip/inner.zip', reason: 'unsupported' }]);
  });

  it('read at most maxEntries files and report the rest', async () => {
    const data = zipWith({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': PHI_TEXT });
    const { parts, uninspectable } = await extractText({ name: 'many.zip', data }, { limits: { maxEntries: 2 } });
    expect(parts.map((p) => p.name)).toEqual(['many.zip/a.txt', 'many.zip/b.txt']);
    expect(uninspectable).toEqual([{ name: 'many.zip', reason: 'too_many_entries' }]);
  });

  it.each([
    ['declaring its size', {}],
    ['lying about its size', { lie: true }],
  ])('that are zip bombs (%s) stop at maxDecompressedBytes, quickly', async (_label, options) => {
    const data = zipBomb(50_000_000, options);
    const started = Date.now();
    const result = await extractText({ name: 'bomb.zip', data }, { limits: { maxDecompressedBytes: 1_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'bomb.zip', reason: 'decompression_limit' }] });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('count a document’s own expansion against the same budget', async () => {
    const letter = docxWith([PHI_TEXT], { 'word/media/scan.bin': new Uint8Array(600_000) });
    const limits = { maxDecompressedBytes: 1_000_000 };
    const alone = await extractText({ name: 'letters.zip', data: zipWith({ 'letter.docx': letter }) }, { limits });
    expect(alone.parts.map((p) => p.name)).toEqual(['letters.zip/letter.docx']);
    const afterPadding = await extractText({ name: 'letters.zip', data: zipWith({ 'padding.txt': ' '.repeat(600_000), 'letter.docx': letter }) }, { limits });
    expect(afterPadding).toEqual({ parts: [], uninspectable: [{ name: 'letters.zip/letter.docx', reason: 'decompression_limit' }] });
  });

  it('report a file past maxBytes by its name and read the others', async () => {
    const data = zipWith({ 'big.txt': 'x'.repeat(5000), 'note.txt': PHI_TEXT });
    const { parts, uninspectable } = await extractText({ name: 'mixed.zip', data }, { limits: { maxBytes: 4000 } });
    expect(parts.map((p) => p.name)).toEqual(['mixed.zip/note.txt']);
    expect(uninspectable).toEqual([{ name: 'mixed.zip/big.txt', reason: 'too_large' }]);
  });

  it('report encrypted files as encrypted', async () => {
    const data = withEncryptedEntries(zipWith({ 'note.txt': PHI_TEXT }));
    expect(await extractText({ name: 'locked.zip', data })).toEqual({ parts: [], uninspectable: [{ name: 'locked.zip/note.txt', reason: 'encrypted' }] });
  });

  it('that are malformed are reported as malformed', async () => {
    const data = zipWith({ 'note.txt': PHI_TEXT }).subarray(0, 50);
    expect(await extractText({ name: 'cut.zip', data, contentType: 'application/zip' })).toEqual({ parts: [], uninspectable: [{ name: 'cut.zip', reason: 'malformed' }] });
  });

  it('report a file whose compressed data is corrupt by its name', async () => {
    const zip = zipWith({ 'note.txt': PHI_TEXT.repeat(20) }, 9);
    const corrupt = zip.slice();
    corrupt.fill(0xff, 40, 60); // inside the deflated data
    const { uninspectable } = await extractText({ name: 'bad.zip', data: corrupt });
    expect(uninspectable).toEqual([{ name: 'bad.zip/note.txt', reason: 'malformed' }]);
  });

  it('read text files inside as text, whatever their names', async () => {
    const { parts } = await extractText({ name: 'x.zip', data: zipWith({ 'NOTES': utf8(PHI_TEXT) }) });
    expect(parts.map((p) => [p.name, p.text])).toEqual([['x.zip/NOTES', PHI_TEXT]]);
  });
});
