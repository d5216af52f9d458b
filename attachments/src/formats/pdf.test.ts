import { beforeAll, describe, expect, it } from '@jest/globals';
import type { OcrEngine } from '../contract.js';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, encryptedPdf, PHI_TEXT, pdfWith, pdfWithoutText, utf8 } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';
import { imageDimensions, type Dimensions } from './image.js';

/** An OCR engine that records what it was given and reads every image as `text`. */
function recordingOcr(text: string): OcrEngine & { seen: Array<Dimensions | undefined>; types: string[] } {
  const seen: Array<Dimensions | undefined> = [];
  const types: string[] = [];
  return {
    seen,
    types,
    async recognize(image, contentType) {
      seen.push(imageDimensions(image, 'png'));
      types.push(contentType);
      return text;
    },
  };
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
