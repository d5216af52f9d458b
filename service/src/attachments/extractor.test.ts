import { describe, expect, it } from '@jest/globals';
import type { NodeOcr } from '@phiguard/attachments/node-ocr';
import { createExtractor } from './extractor.js';
import { pdfWith, pngHeader } from '../../../attachments/src/testing/fixtures.js';

/** Enough of an image for the extractor to size it and hand it to OCR. */
const png = () => pngHeader(400, 100);

/** An OCR engine stand-in that counts starts and stops. */
function fakeOcr(text = 'Patient SSN 531-72-0846') {
  const counts = { created: 0, terminated: 0, failNext: false };
  const createOcr = async (): Promise<NodeOcr> => {
    counts.created++;
    if (counts.failNext) {
      counts.failNext = false;
      throw new Error('model missing');
    }
    return { recognize: async () => text, terminate: async () => void counts.terminated++ };
  };
  return { counts, createOcr };
}

describe('the service extractor', () => {
  it('reads documents without starting OCR', async () => {
    const { counts, createOcr } = fakeOcr();
    const extractor = createExtractor({ createOcr });
    const { parts } = await extractor.extract({ name: 'letter.pdf', data: await pdfWith(['Dear colleague']) });
    expect(parts.map((p) => p.text)).toEqual(['Dear colleague']);
    expect(counts.created).toBe(0);
    await extractor.close();
    expect(counts.terminated).toBe(0);
  });

  it('reads files handed over as Node Buffers (from disk, base64 or a parsed message) like any other bytes', async () => {
    const extractor = createExtractor();
    const data = Buffer.from(Buffer.from(await pdfWith(['Dear colleague'])).toString('base64'), 'base64');
    expect((await extractor.extract({ name: 'letter.pdf', data })).parts.map((p) => p.text)).toEqual(['Dear colleague']);
  });

  it('starts one OCR engine on the first image, reuses it, and ends it on close; a later image starts a new one', async () => {
    const { counts, createOcr } = fakeOcr();
    const extractor = createExtractor({ createOcr });
    const [a, b] = await Promise.all([extractor.extract({ name: 'a.png', data: png() }), extractor.extract({ name: 'b.png', data: png() })]);
    expect([a.parts[0], b.parts[0]]).toEqual([
      expect.objectContaining({ name: 'a.png', text: 'Patient SSN 531-72-0846', ocr: true }),
      expect.objectContaining({ name: 'b.png', ocr: true }),
    ]);
    expect(counts.created).toBe(1);
    await extractor.close();
    expect(counts.terminated).toBe(1);
    await extractor.extract({ name: 'c.png', data: png() });
    expect(counts.created).toBe(2);
    await extractor.close();
  });

  it('tries again to start OCR after a failed start, rather than failing every image after it', async () => {
    const { counts, createOcr } = fakeOcr();
    counts.failNext = true;
    const extractor = createExtractor({ createOcr });
    const failed = await extractor.extract({ name: 'a.png', data: png() });
    expect(failed.parts).toEqual([]);
    expect(failed.uninspectable).toHaveLength(1);
    expect((await extractor.extract({ name: 'b.png', data: png() })).parts).toHaveLength(1);
    expect(counts.created).toBe(2);
    await extractor.close();
  });

  it('applies its limits, so an oversized file is reported, not read', async () => {
    const extractor = createExtractor({ limits: { maxBytes: 100 } });
    expect(extractor.limits.maxBytes).toBe(100);
    expect(await extractor.extract({ name: 'big.pdf', data: await pdfWith(['x']) })).toEqual({ parts: [], uninspectable: [{ name: 'big.pdf', reason: 'too_large' }] });
  });
});
