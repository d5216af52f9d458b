import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unzlibSync } from 'fflate';
import type { OcrEngine } from '../contract.js';
import { extractText } from '../extract.js';
import { createNodeOcr, type NodeOcr } from '../ocr/node-ocr.js';
import { CLEAN_TEXT, encryptedPdf, PHI_TEXT, pdfWith, pdfWithImageMask, pdfWithoutText, utf8, type Bitmap, type Placement } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';
import { hasChromium, INSURANCE_CARD, renderTextBitmap } from '../testing/render-text.js';
import { imageDimensions, type Dimensions } from './image.js';

/** An OCR engine that records what it was given and reads every image as `text`. */
function recordingOcr(text: string): OcrEngine & { seen: Array<Dimensions | undefined>; types: string[]; images: Uint8Array[] } {
  const seen: Array<Dimensions | undefined> = [];
  const types: string[] = [];
  const images: Uint8Array[] = [];
  return {
    seen,
    types,
    images,
    async recognize(image, contentType) {
      seen.push(imageDimensions(image, 'png'));
      types.push(contentType);
      images.push(image);
      return text;
    },
  };
}

/** Bit depth, colour type and rows (filter bytes dropped) of a PNG as lib/png.ts writes one: IHDR, then a single IDAT. */
function pngRows(png: Uint8Array): { depth: number; colour: number; rows: number[][] } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  const raw = unzlibSync(png.subarray(41, 41 + view.getUint32(33)));
  const rowBytes = Math.ceil(width / 8) + 1;
  const rows = Array.from({ length: height }, (_, y) => Array.from(raw.subarray(y * rowBytes + 1, (y + 1) * rowBytes)));
  return { depth: png[24]!, colour: png[25]!, rows };
}

beforeAll(async () => {
  // pdf.js loads on the first PDF; load it here so the deadline tests time reading, not loading.
  await extractText({ name: 'warm-up.pdf', data: await pdfWith(['x']) });
}, 30_000);

describe('PDF attachments', () => {
  it('give one part per page, so PHI is reported with its file and page', async () => {
    const { parts, uninspectable } = await extractText({ name: 'referral.pdf', data: await pdfWith([CLEAN_TEXT, PHI_TEXT]) });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => [p.name, p.page, p.contentType])).toEqual([
      ['referral.pdf', 1, 'application/pdf'],
      ['referral.pdf', 2, 'application/pdf'],
    ]);
    expect(parts[1]!.text).toBe(PHI_TEXT);
    expect(parts.map(scansAsPhi)).toEqual([false, true]);
  });

  it('keep lines apart within a page', async () => {
    const { parts } = await extractText({ name: 'a.pdf', data: await pdfWith(['Maria Gonzalez\nSSN 531-72-0846']) });
    expect(parts[0]!.text).toBe('Maria Gonzalez\nSSN 531-72-0846');
  });

  it('stay clean when nothing in them is PHI', async () => {
    const { parts, uninspectable } = await extractText({ name: 'minutes.pdf', data: await pdfWith([CLEAN_TEXT, CLEAN_TEXT]) });
    expect(uninspectable).toEqual([]);
    expect(parts.some(scansAsPhi)).toBe(false);
  });

  it('are read up to maxPages; the rest is reported as not inspected, the pages read are kept', async () => {
    const data = await pdfWith(['page one', 'page two', PHI_TEXT, 'page four']);
    const { parts, uninspectable } = await extractText({ name: 'long.pdf', data }, { limits: { maxPages: 2 } });
    expect(parts.map((p) => p.page)).toEqual([1, 2]);
    expect(uninspectable).toEqual([{ name: 'long.pdf', reason: 'too_many_pages' }]);
  });

  it('that need a password are reported as encrypted', async () => {
    expect(await extractText({ name: 'locked.pdf', data: encryptedPdf() })).toEqual({ parts: [], uninspectable: [{ name: 'locked.pdf', reason: 'encrypted' }] });
  });

  it.each([
    ['a header and garbage', async () => utf8('%PDF-1.7\nthis is not a PDF at all')],
    ['a PDF cut off after its header', async () => (await pdfWith([PHI_TEXT])).subarray(0, 20)],
  ])('that are malformed (%s) are reported as malformed', async (_label, make) => {
    expect(await extractText({ name: 'broken.pdf', data: await make() })).toEqual({ parts: [], uninspectable: [{ name: 'broken.pdf', reason: 'malformed' }] });
  });

  it('skip blank pages', async () => {
    expect(await extractText({ name: 'blank.pdf', data: await pdfWithoutText(['blank', 'blank']) })).toEqual({ parts: [], uninspectable: [] });
  });

  it('report pages that paint without a text layer as needing OCR when no engine is given', async () => {
    for (const kind of ['image', 'drawing'] as const) {
      const { parts, uninspectable } = await extractText({ name: 'scan.pdf', data: await pdfWithoutText(['blank', kind]) });
      expect(parts).toEqual([]);
      expect(uninspectable).toEqual([{ name: 'scan.pdf', reason: 'ocr_unavailable' }]);
    }
  });

  it('give a scanned page’s image to the OCR engine as PNG, and keep its page', async () => {
    const ocr = recordingOcr(PHI_TEXT);
    const { parts, uninspectable } = await extractText({ name: 'fax.pdf', data: await pdfWithoutText(['blank', 'image']) }, { ocr });
    expect(uninspectable).toEqual([]);
    expect(ocr.seen).toEqual([{ width: 64, height: 32 }]);
    expect(ocr.types).toEqual(['image/png']);
    expect(parts).toEqual([{ name: 'fax.pdf', contentType: 'application/pdf', page: 2, text: PHI_TEXT, ocr: true }]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('say so when the OCR engine timed out or could not start on a scanned page, like an image attachment', async () => {
    for (const code of ['timeout', 'ocr_unavailable'] as const) {
      const ocr: OcrEngine = { recognize: () => Promise.reject(Object.assign(new Error('engine'), { code })) };
      const { uninspectable } = await extractText({ name: 'fax.pdf', data: await pdfWithoutText(['image']) }, { ocr });
      expect(uninspectable).toEqual([{ name: 'fax.pdf', reason: code }]);
    }
  });

  it('still report a page of drawings (no image to read) as needing OCR when an engine is given', async () => {
    const ocr = recordingOcr(PHI_TEXT);
    const { uninspectable } = await extractText({ name: 'form.pdf', data: await pdfWithoutText(['drawing']) }, { ocr });
    expect(uninspectable).toEqual([{ name: 'form.pdf', reason: 'ocr_unavailable' }]);
    expect(ocr.seen).toEqual([]);
  });

  it('refuse a scanned image past maxPixels without giving it to OCR', async () => {
    const ocr = recordingOcr(PHI_TEXT);
    const { uninspectable } = await extractText({ name: 'fax.pdf', data: await pdfWithoutText(['image']) }, { ocr, limits: { maxPixels: 1000 } });
    expect(uninspectable).toEqual([{ name: 'fax.pdf', reason: 'image_too_large' }]);
    expect(ocr.seen).toEqual([]);
  });

  it('stop at the deadline between pages, keeping the pages read before it', async () => {
    const data = await pdfWith(Array.from({ length: 150 }, (_, i) => `page ${i + 1}`));
    const started = Date.now();
    const { parts, uninspectable } = await extractText({ name: 'huge.pdf', data }, { limits: { timeoutMs: 40 } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(uninspectable).toEqual([{ name: 'huge.pdf', reason: 'timeout' }]);
    expect(parts.length).toBeLessThan(150);
    expect(parts.map((p) => p.page)).toEqual(parts.map((_, i) => i + 1));
  });
});

/** 64 × 32, ink on the left half: rows of four painted (0) bytes, then four of paper (1). */
const HALF_INKED: Bitmap = { width: 64, height: 32, bits: new Uint8Array(32 * 8).map((_, i) => (i % 8 < 4 ? 0x00 : 0xff)) };

describe('PDF pages scanned as 1-bit stencil masks (faxes)', () => {
  it.each([
    ['stored as painted-is-0', {}],
    ['stored inverted with /Decode [1 0]', { invert: true }],
  ])('give the mask to OCR as a 1-bit grey PNG, ink black and paper white: %s', async (_label, options) => {
    const ocr = recordingOcr(PHI_TEXT);
    const { parts, uninspectable } = await extractText({ name: 'fax.pdf', data: await pdfWithImageMask(HALF_INKED, options) }, { ocr });
    expect(uninspectable).toEqual([]);
    expect(ocr.seen).toEqual([{ width: 64, height: 32 }]);
    const { depth, colour, rows } = pngRows(ocr.images[0]!);
    expect([depth, colour]).toEqual([1, 0]);
    expect(rows).toEqual(Array.from({ length: 32 }, () => [0, 0, 0, 0, 255, 255, 255, 255]));
    expect(parts).toEqual([{ name: 'fax.pdf', contentType: 'application/pdf', page: 1, text: PHI_TEXT, ocr: true }]);
  });

  it('read a mask stamped at many places once', async () => {
    const ocr = recordingOcr(PHI_TEXT);
    const placements = Array.from({ length: 12 }, (_, i): Placement => [72, 60 * i, 64 + 8 * i, 32 + 4 * i]);
    const { parts, uninspectable } = await extractText({ name: 'fax.pdf', data: await pdfWithImageMask(HALF_INKED, { placements }) }, { ocr });
    expect(uninspectable).toEqual([]);
    expect(ocr.seen).toEqual([{ width: 64, height: 32 }]);
    expect(parts.map((p) => p.text)).toEqual([PHI_TEXT]);
  });

  it('report a one-pixel mask, which paints a filled box, as needing OCR like any drawing', async () => {
    const ocr = recordingOcr(PHI_TEXT);
    const dot: Bitmap = { width: 1, height: 1, bits: new Uint8Array([0x00]) };
    expect(await extractText({ name: 'form.pdf', data: await pdfWithImageMask(dot) }, { ocr })).toEqual({ parts: [], uninspectable: [{ name: 'form.pdf', reason: 'ocr_unavailable' }] });
    expect(ocr.seen).toEqual([]);
  });

  it('are reported as needing OCR when no engine is given, and refused past maxPixels', async () => {
    const data = await pdfWithImageMask(HALF_INKED);
    expect((await extractText({ name: 'fax.pdf', data })).uninspectable).toEqual([{ name: 'fax.pdf', reason: 'ocr_unavailable' }]);
    const ocr = recordingOcr(PHI_TEXT);
    expect((await extractText({ name: 'fax.pdf', data }, { ocr, limits: { maxPixels: 1000 } })).uninspectable).toEqual([{ name: 'fax.pdf', reason: 'image_too_large' }]);
    expect(ocr.seen).toEqual([]);
  });
});

(hasChromium ? describe : describe.skip)(`a faxed insurance card read by the Node OCR engine${hasChromium ? '' : ' (skipped: install Debian chromium)'}`, () => {
  let ocr: NodeOcr;
  let fax: Uint8Array;

  beforeAll(async () => {
    fax = await pdfWithImageMask(await renderTextBitmap(INSURANCE_CARD));
    ocr = await createNodeOcr();
  }, 60_000);

  afterAll(async () => {
    await ocr?.terminate();
  });

  it('gives the text of the page, and the scan finds the SSN in it', async () => {
    const { parts, uninspectable } = await extractText({ name: 'fax.pdf', data: fax }, { ocr });
    expect(uninspectable).toEqual([]);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toContain('531-72-0846');
    expect(scansAsPhi(parts[0]!)).toBe(true);
  }, 60_000);
});

