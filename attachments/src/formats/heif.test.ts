import { describe, expect, it } from '@jest/globals';
import type { HeifDecoder, OcrEngine } from '../contract.js';
import { extractText } from '../extract.js';
import { PHI_TEXT, utf8, zipWith } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';
import { imageDimensions } from './image.js';

/** The file type box that opens a HEIF file: a major brand, a minor version, compatible brands. */
function heifFile(major: string, compatible: readonly string[]): Uint8Array {
  const box = utf8(`....ftyp${major}\0\0\0\0${compatible.join('')}`);
  new DataView(box.buffer).setUint32(0, box.length);
  return box;
}
/** As an iPhone saves a photo. */
const iphonePhoto = () => heifFile('heic', ['mif1', 'heic']);

interface FakeImage {
  readonly width: number;
  readonly height: number;
  /** How decoding ends: white pixels of the stated size by default. */
  readonly decoded?: 'fails' | 'short' | Promise<void>;
}

/** A HEIF decoder stand-in that states the sizes it is given and logs each step, so the order can be checked. */
function fakeHeif(images: readonly FakeImage[]): { heif: HeifDecoder; steps: string[] } {
  const steps: string[] = [];
  const heif: HeifDecoder = {
    async open() {
      steps.push('open');
      return {
        images: images.map(({ width, height, decoded }, i) => ({
          width,
          height,
          async decode() {
            steps.push(`decode ${i + 1}`);
            if (decoded === 'fails') throw new Error('HEIF processing error');
            if (decoded instanceof Promise) await decoded;
            return { width, height, data: new Uint8ClampedArray(width * height * 4 - (decoded === 'short' ? 4 : 0)).fill(255) };
          },
        })),
        close: () => void steps.push('close'),
      };
    },
  };
  return { heif, steps };
}

/** An OCR engine stand-in that keeps the size and type of each image it is given. */
function ocrReading(text: string): OcrEngine & { read: Array<{ width?: number; height?: number; contentType: string }> } {
  const read: Array<{ width?: number; height?: number; contentType: string }> = [];
  return {
    read,
    async recognize(image, contentType) {
      read.push({ ...imageDimensions(image, 'png'), contentType });
      return text;
    },
  };
}

describe('HEIC photos', () => {
  it('without a decoder (browser hosts, or a service that has not opted in) are unsupported, for the fail mode to decide', async () => {
    expect(await extractText({ name: 'IMG_0001.HEIC', data: iphonePhoto() }, { ocr: ocrReading(PHI_TEXT) })).toEqual({
      parts: [],
      uninspectable: [{ name: 'IMG_0001.HEIC', reason: 'unsupported' }],
    });
  });

  it('with a decoder are sized, decoded, given to OCR as PNG and scanned; one image is not a page', async () => {
    const { heif, steps } = fakeHeif([{ width: 1000, height: 616 }]);
    const ocr = ocrReading(PHI_TEXT);
    const { parts, uninspectable } = await extractText({ name: 'IMG_0001.HEIC', data: iphonePhoto() }, { heif, ocr });
    expect(uninspectable).toEqual([]);
    expect(parts).toEqual([{ name: 'IMG_0001.HEIC', contentType: 'image/heic', text: PHI_TEXT, ocr: true }]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
    expect(ocr.read).toEqual([{ width: 1000, height: 616, contentType: 'image/png' }]);
    expect(steps).toEqual(['open', 'decode 1', 'close']);
  });

  it('past maxPixels are refused by the size the file states, never decoded', async () => {
    const { heif, steps } = fakeHeif([{ width: 8064, height: 6048 }]);
    const ocr = ocrReading(PHI_TEXT);
    const result = await extractText({ name: 'IMG_0002.HEIC', data: iphonePhoto() }, { heif, ocr, limits: { maxPixels: 40_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'IMG_0002.HEIC', reason: 'image_too_large' }] });
    expect(steps).toEqual(['open', 'close']);
    expect(ocr.read).toEqual([]);
  });

  it('that cannot be opened, or decoded, or decode to fewer pixels than stated, are malformed', async () => {
    const unreadable: HeifDecoder = { open: () => Promise.reject(new Error(`Invalid input: ${PHI_TEXT}`)) };
    expect((await extractText({ name: 'a.heic', data: iphonePhoto() }, { heif: unreadable, ocr: ocrReading(PHI_TEXT) })).uninspectable).toEqual([
      { name: 'a.heic', reason: 'malformed' },
    ]);
    for (const decoded of ['fails', 'short'] as const) {
      const { heif, steps } = fakeHeif([{ width: 100, height: 100, decoded }]);
      expect(await extractText({ name: 'b.heic', data: iphonePhoto() }, { heif, ocr: ocrReading(PHI_TEXT) })).toEqual({
        parts: [],
        uninspectable: [{ name: 'b.heic', reason: 'malformed' }],
      });
      expect(steps).toEqual(['open', 'decode 1', 'close']);
    }
  });

  it('holding several images have each read as a page, up to maxPages; the rest are reported, not decoded', async () => {
    const { heif, steps } = fakeHeif([{ width: 100, height: 100 }, { width: 100, height: 100 }, { width: 100, height: 100 }]);
    const { parts, uninspectable } = await extractText({ name: 'burst.heic', data: iphonePhoto() }, { heif, ocr: ocrReading(PHI_TEXT), limits: { maxPages: 2 } });
    expect(parts.map((p) => [p.name, p.page])).toEqual([
      ['burst.heic', 1],
      ['burst.heic', 2],
    ]);
    expect(uninspectable).toEqual([{ name: 'burst.heic', reason: 'too_many_pages' }]);
    expect(steps).toEqual(['open', 'decode 1', 'decode 2', 'close']);
  });

  it('stop at the deadline: an image decoded after it is not given to OCR', async () => {
    let finishDecoding!: () => void;
    const decoded = new Promise<void>((resolve) => (finishDecoding = resolve));
    const { heif, steps } = fakeHeif([{ width: 100, height: 100, decoded }]);
    const ocr = ocrReading(PHI_TEXT);
    // Long enough that opening (immediate here) is done before it even on a busy machine; decoding waits past it.
    const result = await extractText({ name: 'slow.heic', data: iphonePhoto() }, { heif, ocr, limits: { timeoutMs: 1_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'slow.heic', reason: 'timeout' }] });
    finishDecoding();
    await decoded;
    await new Promise((resolve) => setImmediate(resolve));
    expect(ocr.read).toEqual([]);
    expect(steps).toEqual(['open', 'decode 1', 'close']);
  });

  it('are not opened when there is no OCR engine to read them', async () => {
    const { heif, steps } = fakeHeif([{ width: 100, height: 100 }]);
    expect(await extractText({ name: 'IMG_0003.HEIC', data: iphonePhoto() }, { heif })).toEqual({
      parts: [],
      uninspectable: [{ name: 'IMG_0003.HEIC', reason: 'ocr_unavailable' }],
    });
    expect(steps).toEqual([]);
  });

  it('in AVIF (AV1, not HEVC) stay unsupported: the decoder is not asked', async () => {
    const { heif, steps } = fakeHeif([{ width: 100, height: 100 }]);
    const avif = heifFile('avif', ['mif1', 'miaf', 'MA1B']);
    expect((await extractText({ name: 'photo.avif', data: avif }, { heif, ocr: ocrReading(PHI_TEXT) })).uninspectable).toEqual([
      { name: 'photo.avif', reason: 'unsupported' },
    ]);
    expect(steps).toEqual([]);
  });

  it('with HEVC only among the compatible brands are read', async () => {
    const { heif } = fakeHeif([{ width: 100, height: 100 }]);
    const { parts } = await extractText({ name: 'android.heic', data: heifFile('mif1', ['heic', 'miaf']) }, { heif, ocr: ocrReading(PHI_TEXT) });
    expect(parts).toHaveLength(1);
  });

  it('inside a ZIP are read under the archive’s name', async () => {
    const { heif } = fakeHeif([{ width: 100, height: 100 }]);
    const { parts } = await extractText({ name: 'photos.zip', data: zipWith({ 'IMG_0004.HEIC': iphonePhoto() }) }, { heif, ocr: ocrReading(PHI_TEXT) });
    expect(parts).toEqual([{ name: 'photos.zip/IMG_0004.HEIC', contentType: 'image/heic', text: PHI_TEXT, ocr: true }]);
  });
});
