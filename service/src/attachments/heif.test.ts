import { describe, expect, it, jest } from '@jest/globals';
import { extractText, type HeifDecoder, type OcrEngine } from '@phiguard/attachments';
import { createNodeOcr } from '@phiguard/attachments/node-ocr';
import { scansAsPhi } from '../../../attachments/src/testing/phi.js';
import { heifDecoder } from './heif.js';
import { insuranceCardHeic } from './testing/heic.js';

// Loading the decoder's wasm, and in one test the OCR engine: seconds on a busy machine.
jest.setTimeout(30_000);

/** The card with its image size box (ispe, ISO/IEC 23008-12 6.5.3) stating another size; the coded picture is unchanged. */
function statingSize(width: number, height: number): Uint8Array {
  const file = insuranceCardHeic();
  const ispe = Buffer.from(file.buffer).indexOf('ispe');
  const view = new DataView(file.buffer);
  view.setUint32(ispe + 8, width);
  view.setUint32(ispe + 12, height);
  return file;
}

/** The adapter, counting the images it decodes. */
function countingDecodes(): { heif: HeifDecoder; decoded: () => number } {
  let decoded = 0;
  const heif: HeifDecoder = {
    async open(data) {
      const file = await heifDecoder.open(data);
      return { images: file.images.map((image) => ({ ...image, decode: () => (decoded++, image.decode()) })), close: () => file.close() };
    },
  };
  return { heif, decoded: () => decoded };
}

const stubOcr = (text: string): OcrEngine => ({ recognize: async () => text });

describe('the HEIC decoder (heic-decode)', () => {
  it('states the photo’s size before decoding, then decodes it to RGBA: white card, dark type', async () => {
    const file = await heifDecoder.open(insuranceCardHeic());
    try {
      expect(file.images.map(({ width, height }) => [width, height])).toEqual([[1000, 616]]);
      const { width, height, data } = await file.images[0]!.decode();
      expect([width, height, data.length]).toEqual([1000, 616, 1000 * 616 * 4]);
      expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
      const dark = data.filter((value, i) => i % 4 === 0 && value < 64).length;
      expect(dark / (width * height)).toBeGreaterThan(0.01);
    } finally {
      file.close();
    }
  });

  it('gives the photo’s text to scan, through OCR', async () => {
    const ocr = await createNodeOcr();
    try {
      const { parts, uninspectable } = await extractText({ name: 'IMG_0001.HEIC', data: insuranceCardHeic() }, { heif: heifDecoder, ocr });
      expect(uninspectable).toEqual([]);
      expect(parts).toEqual([expect.objectContaining({ name: 'IMG_0001.HEIC', contentType: 'image/heic', ocr: true })]);
      expect(parts[0]!.text).toContain('SSN 531-72-0846');
      expect(scansAsPhi(parts[0]!)).toBe(true);
    } finally {
      await ocr.terminate();
    }
  });

  it('lets a photo past maxPixels be refused by the size its file states, without decoding it', async () => {
    const { heif, decoded } = countingDecodes();
    const result = await extractText({ name: 'huge.heic', data: statingSize(20_000, 20_000) }, { heif, ocr: stubOcr('x'), limits: { maxPixels: 40_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'huge.heic', reason: 'image_too_large' }] });
    expect(decoded()).toBe(0);
  });

  it('fails a cut-off or damaged file, which is then malformed', async () => {
    for (const data of [insuranceCardHeic().subarray(0, 600), insuranceCardHeic().subarray(0, 200), statingSize(0, 0)]) {
      expect(await extractText({ name: 'IMG_0002.HEIC', data }, { heif: heifDecoder, ocr: stubOcr('x') })).toEqual({
        parts: [],
        uninspectable: [{ name: 'IMG_0002.HEIC', reason: 'malformed' }],
      });
    }
  });
});
