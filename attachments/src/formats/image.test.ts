import { describe, expect, it } from '@jest/globals';
import type { OcrEngine } from '../contract.js';
import { extractText } from '../extract.js';
import { bmpHeader, CLEAN_TEXT, gifHeader, jpegHeader, PHI_TEXT, pngHeader, pngImage, tiffHeader, utf8, webpHeader } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';
import { imageDimensions, type ImageFormat } from './image.js';

function ocrReading(text: string): OcrEngine & { calls: Array<{ bytes: number; contentType: string }> } {
  const calls: Array<{ bytes: number; contentType: string }> = [];
  return {
    calls,
    async recognize(image, contentType) {
      calls.push({ bytes: image.length, contentType });
      return text;
    },
  };
}

describe('image sizes, read from the header without decoding', () => {
  it.each<[string, Uint8Array, ImageFormat]>([
    ['PNG', pngHeader(1700, 2200), 'png'],
    ['JPEG (frame header after an APP0 segment)', jpegHeader(1700, 2200), 'jpeg'],
    ['GIF', gifHeader(1700, 2200), 'gif'],
    ['BMP', bmpHeader(1700, 2200), 'bmp'],
    ['BMP stored top-down (negative height)', bmpHeader(1700, -2200), 'bmp'],
    ['TIFF, little-endian', tiffHeader(1700, 2200, true), 'tiff'],
    ['TIFF, big-endian', tiffHeader(1700, 2200, false), 'tiff'],
    ['WebP (VP8X)', webpHeader(1700, 2200), 'webp'],
  ])('%s', (_label, bytes, format) => {
    expect(imageDimensions(bytes, format)).toEqual({ width: 1700, height: 2200 });
  });

  it.each<[string, Uint8Array, ImageFormat]>([
    ['a PNG cut off before its header', pngHeader(10, 10).subarray(0, 20), 'png'],
    ['a JPEG with no frame header', jpegHeader(10, 10).subarray(0, 22), 'jpeg'],
    ['a TIFF whose directory points past its end', tiffHeader(10, 10).subarray(0, 12), 'tiff'],
  ])('none for %s', (_label, bytes, format) => {
    expect(imageDimensions(bytes, format)).toBeUndefined();
  });
});

describe('image attachments', () => {
  it('are read by the OCR engine, as they are, and the text is scanned', async () => {
    const ocr = ocrReading(PHI_TEXT);
    const data = pngImage(120, 40);
    const { parts, uninspectable } = await extractText({ name: 'photo.png', data }, { ocr });
    expect(uninspectable).toEqual([]);
    expect(ocr.calls).toEqual([{ bytes: data.length, contentType: 'image/png' }]);
    expect(parts).toEqual([{ name: 'photo.png', contentType: 'image/png', text: PHI_TEXT, ocr: true }]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('stay clean when the text read from them is not PHI', async () => {
    const { parts } = await extractText({ name: 'whiteboard.jpg', data: jpegHeader(800, 600) }, { ocr: ocrReading(CLEAN_TEXT) });
    expect(parts.map(scansAsPhi)).toEqual([false]);
  });

  it('are reported as needing OCR when no engine is given', async () => {
    expect(await extractText({ name: 'photo.png', data: pngImage(120, 40) })).toEqual({ parts: [], uninspectable: [{ name: 'photo.png', reason: 'ocr_unavailable' }] });
  });

  it('past maxPixels are refused from the header, never given to OCR', async () => {
    const ocr = ocrReading(PHI_TEXT);
    const result = await extractText({ name: 'huge.png', data: pngHeader(60_000, 60_000) }, { ocr, limits: { maxPixels: 40_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'huge.png', reason: 'image_too_large' }] });
    expect(ocr.calls).toEqual([]);
  });

  it('too small to hold a letter (a tracking pixel) are neither read nor reported', async () => {
    const ocr = ocrReading(PHI_TEXT);
    expect(await extractText({ name: 'pixel.gif', data: gifHeader(1, 1) }, { ocr })).toEqual({ parts: [], uninspectable: [] });
    expect(ocr.calls).toEqual([]);
  });

  it('that the engine timed out on, or could not start for, say so; any other engine failure is the file’s', async () => {
    const failing = (error: unknown): OcrEngine => ({ recognize: () => Promise.reject(error) });
    for (const code of ['timeout', 'ocr_unavailable'] as const) {
      const result = await extractText({ name: 'card.png', data: pngImage(120, 40) }, { ocr: failing(Object.assign(new Error('engine'), { code })) });
      expect(result.uninspectable).toEqual([{ name: 'card.png', reason: code }]);
    }
    const other = await extractText({ name: 'card.png', data: pngImage(120, 40) }, { ocr: failing(new Error('Error in pixRead')) });
    expect(other.uninspectable).toEqual([{ name: 'card.png', reason: 'malformed' }]);
  });

  it('with a broken header are reported as malformed', async () => {
    const result = await extractText({ name: 'broken.png', data: pngHeader(10, 10).subarray(0, 20) }, { ocr: ocrReading(PHI_TEXT) });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'broken.png', reason: 'malformed' }] });
  });

  it('in HEIC are reported as unsupported (no pure-JS decoder to hand to OCR)', async () => {
    const heic = new Uint8Array([0, 0, 0, 24, ...utf8('ftypheic'), 0, 0, 0, 0, ...utf8('mif1heic')]);
    expect(await extractText({ name: 'IMG_0001.HEIC', data: heic }, { ocr: ocrReading(PHI_TEXT) })).toEqual({
      parts: [],
      uninspectable: [{ name: 'IMG_0001.HEIC', reason: 'unsupported' }],
    });
  });
});
