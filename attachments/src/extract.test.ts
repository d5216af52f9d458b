import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LIMITS, extractText, type OcrEngine } from './index.js';
import { PHI_TEXT, pngImage, utf8 } from './testing/fixtures.js';

describe('limits', () => {
  it('default to 25 MB, 200 pages, 100 entries, 100 MB expanded, 40 megapixels and 20 s', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 25 * 1024 * 1024,
      maxPages: 200,
      maxEntries: 100,
      maxDecompressedBytes: 100 * 1024 * 1024,
      maxPixels: 40_000_000,
      timeoutMs: 20_000,
    });
  });

  it('refuse an attachment past maxBytes without reading it', async () => {
    expect(await extractText({ name: 'note.txt', data: utf8(PHI_TEXT) }, { limits: { maxBytes: 10 } })).toEqual({
      parts: [],
      uninspectable: [{ name: 'note.txt', reason: 'too_large' }],
    });
  });

  it('end the wait at timeoutMs even when a dependency never answers', async () => {
    const silent: OcrEngine = { recognize: () => new Promise<string>(() => undefined) };
    const started = Date.now();
    const result = await extractText({ name: 'scan.png', data: pngImage(100, 100) }, { ocr: silent, limits: { timeoutMs: 50 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'scan.png', reason: 'timeout' }] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('failures', () => {
  it('of a dependency are reported as malformed, never with its message (which may quote the content)', async () => {
    const leaky: OcrEngine = {
      recognize: async () => {
        throw new Error(`could not finish reading "${PHI_TEXT}"`);
      },
    };
    const result = await extractText({ name: 'scan.png', data: pngImage(100, 100) }, { ocr: leaky });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'scan.png', reason: 'malformed' }] });
  });

  it.each([
    ['x.pdf', 'malformed'],
    ['x.docx', 'malformed'],
    ['x.xlsx', 'malformed'],
    ['x.zip', 'malformed'],
    ['x.msg', 'malformed'],
    ['x.eml', 'malformed'],
    ['x.bin', 'unsupported'],
  ])('never throw: random bytes named %s are reported as %s', async (name, reason) => {
    let seed = 7;
    const data = Uint8Array.from({ length: 4096 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    expect(await extractText({ name, data })).toEqual({ parts: [], uninspectable: [{ name, reason }] });
  });

  it('are reported as unsupported for formats that are not read', async () => {
    expect(await extractText({ name: 'clip.mp4', data: new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0, 0]) })).toEqual({
      parts: [],
      uninspectable: [{ name: 'clip.mp4', reason: 'unsupported' }],
    });
  });
});
