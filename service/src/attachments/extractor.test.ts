import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeOcr } from '@phiguard/attachments/node-ocr';
import { createExtractor, type Extractor, type ExtractorOptions } from './extractor.js';
import { imageDimensions } from '../../../attachments/src/formats/image.js';
import { docxWith, pdfWith, pngHeader, utf8, zipWith } from '../../../attachments/src/testing/fixtures.js';
import { insuranceCardHeic } from './testing/heic.js';

// Every test starts worker threads, each loading the parsers: seconds on a busy machine.
jest.setTimeout(30_000);

/** Enough of an image for the extractor to size it and hand it to OCR. */
const png = () => pngHeader(400, 100);

/** An OCR engine stand-in that counts starts and stops and keeps what it was asked to read. */
function fakeOcr(text = 'Patient SSN 531-72-0846') {
  const counts = { created: 0, terminated: 0, failNext: false };
  const asked: Array<{ image: Uint8Array; contentType: string }> = [];
  const createOcr = async (): Promise<NodeOcr> => {
    counts.created++;
    if (counts.failNext) {
      counts.failNext = false;
      throw new Error('model missing');
    }
    return {
      recognize: async (image, contentType) => {
        asked.push({ image, contentType });
        return text;
      },
      terminate: async () => void counts.terminated++,
    };
  };
  return { counts, asked, createOcr };
}

describe('the service extractor', () => {
  const open: Extractor[] = [];
  /** One thread unless a test needs more: each starts by loading the parsers. */
  const extractor = (options: ExtractorOptions = {}) => {
    const created = createExtractor({ threads: 1, ...options });
    open.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
  });

  it('reads documents in a worker thread without starting OCR', async () => {
    const { counts, createOcr } = fakeOcr();
    const reader = extractor({ createOcr, threads: 2 });
    const [pdf, docx] = await Promise.all([
      reader.extract({ name: 'letter.pdf', data: await pdfWith(['Dear colleague']) }),
      reader.extract({ name: 'note.docx', data: docxWith(['Follow-up in two weeks']) }),
    ]);
    expect(pdf.parts.map((p) => p.text)).toEqual(['Dear colleague']);
    expect(docx.parts.map((p) => p.text.trim())).toEqual(['Follow-up in two weeks']);
    expect(counts.created).toBe(0);
    await reader.close();
    expect(counts.terminated).toBe(0);
  });

  it('reads files handed over as Node Buffers (from disk, base64 or a parsed message) like any other bytes, and leaves them intact', async () => {
    const reader = extractor();
    const data = Buffer.from(Buffer.from(await pdfWith(['Dear colleague'])).toString('base64'), 'base64');
    const before = Buffer.from(data);
    expect((await reader.extract({ name: 'letter.pdf', data })).parts.map((p) => p.text)).toEqual(['Dear colleague']);
    expect(data.equals(before)).toBe(true);
  });

  it('starts one OCR engine on the first image, shares it between threads, and ends it on close; a later image starts a new one', async () => {
    const { counts, createOcr } = fakeOcr();
    const reader = extractor({ createOcr, threads: 2 });
    const [a, b] = await Promise.all([reader.extract({ name: 'a.png', data: png() }), reader.extract({ name: 'b.png', data: png() })]);
    expect([a.parts[0], b.parts[0]]).toEqual([
      expect.objectContaining({ name: 'a.png', text: 'Patient SSN 531-72-0846', ocr: true }),
      expect.objectContaining({ name: 'b.png', ocr: true }),
    ]);
    expect(counts.created).toBe(1);
    await reader.close();
    expect(counts.terminated).toBe(1);
    await reader.extract({ name: 'c.png', data: png() });
    expect(counts.created).toBe(2);
  });

  it('reads images found in a thread with the main thread’s one engine, given the exact bytes', async () => {
    const { counts, asked, createOcr } = fakeOcr();
    const reader = extractor({ createOcr });
    const [first, second] = [pngHeader(400, 100), pngHeader(300, 200)];
    const { parts } = await reader.extract({ name: 'scans.zip', data: zipWith({ 'front.png': first, 'back.png': second }) });
    expect(parts.map((p) => [p.name, p.text])).toEqual([
      ['scans.zip/front.png', 'Patient SSN 531-72-0846'],
      ['scans.zip/back.png', 'Patient SSN 531-72-0846'],
    ]);
    expect(counts.created).toBe(1);
    expect(asked.map(({ image, contentType }) => [Buffer.from(image), contentType])).toEqual([
      [Buffer.from(first), 'image/png'],
      [Buffer.from(second), 'image/png'],
    ]);
  });

  it.each([
    ['timed out', 'timeout'],
    ['could not start', 'ocr_unavailable'],
  ] as const)('reports an image whose OCR %s on the main thread with the engine’s own reason', async (_, code) => {
    const createOcr = async (): Promise<NodeOcr> => ({
      recognize: async () => {
        throw Object.assign(new Error('engine detail that stays on the main thread'), { code });
      },
      terminate: async () => undefined,
    });
    expect(await extractor({ createOcr }).extract({ name: 'a.png', data: png() })).toEqual({ parts: [], uninspectable: [{ name: 'a.png', reason: code }] });
  });

  it('leaves images unread, without starting OCR, when asked for a quick read (ocr: false)', async () => {
    const { counts, createOcr } = fakeOcr();
    expect(await extractor({ createOcr }).extract({ name: 'a.png', data: png() }, { ocr: false })).toEqual({ parts: [], uninspectable: [{ name: 'a.png', reason: 'ocr_unavailable' }] });
    expect(counts.created).toBe(0);
  });

  it('tries again to start OCR after a failed start, rather than failing every image after it', async () => {
    const { counts, createOcr } = fakeOcr();
    counts.failNext = true;
    const reader = extractor({ createOcr });
    const failed = await reader.extract({ name: 'a.png', data: png() });
    expect(failed.parts).toEqual([]);
    expect(failed.uninspectable).toHaveLength(1);
    expect((await reader.extract({ name: 'b.png', data: png() })).parts).toHaveLength(1);
    expect(counts.created).toBe(2);
  });

  it('reads HEIC photos in its threads only when switched on (heic); otherwise they are unsupported, for the fail mode', async () => {
    const { asked, createOcr } = fakeOcr();
    const photo = { name: 'IMG_0001.HEIC', data: insuranceCardHeic() };
    expect(await extractor({ createOcr }).extract(photo)).toEqual({ parts: [], uninspectable: [{ name: 'IMG_0001.HEIC', reason: 'unsupported' }] });
    expect(await extractor({ createOcr, heic: true }).extract(photo)).toEqual({
      parts: [{ name: 'IMG_0001.HEIC', contentType: 'image/heic', text: 'Patient SSN 531-72-0846', ocr: true }],
      uninspectable: [],
    });
    // Decoded in the thread; the main thread's engine gets the pixels as PNG.
    expect(asked.map(({ image, contentType }) => [imageDimensions(image, 'png'), contentType])).toEqual([[{ width: 1000, height: 616 }, 'image/png']]);
  });

  it('applies its limits, so an oversized file is reported, not read', async () => {
    const reader = extractor({ limits: { maxBytes: 100 } });
    expect(reader.limits.maxBytes).toBe(100);
    expect(await reader.extract({ name: 'big.pdf', data: await pdfWith(['x']) })).toEqual({ parts: [], uninspectable: [{ name: 'big.pdf', reason: 'too_large' }] });
  });

  describe('a file that takes its thread down', () => {
    let dir: string;
    /** A thread module of its own (CommonJS, as extract-thread-entry is), standing in for a parser that a hostile file sends astray. */
    const threadFile = async (name: string, source: string) => {
      const path = join(dir, name);
      await writeFile(path, source);
      return path;
    };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'phi-guard-extract-thread-'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));
    /** Announces the file as extract-thread does, then parses synchronously forever. */
    const SPIN = "task.port.postMessage({ type: 'started' }); for (;;);";

    it('never finishing: its thread is ended after the time limit and the file is reported as timed out, while the service keeps running', async () => {
      const spinning = await threadFile('spin.cjs', `module.exports = (task) => { ${SPIN} };`);
      const reader = extractor({ threadFile: spinning, limits: { timeoutMs: 100 } });
      const data = await pdfWith(['x']);
      let ticks = 0;
      const ticking = setInterval(() => ticks++, 10);
      try {
        expect(await reader.extract({ name: 'hostile.pdf', data })).toEqual({ parts: [], uninspectable: [{ name: 'hostile.pdf', reason: 'timeout' }] });
      } finally {
        clearInterval(ticking);
      }
      expect(ticks).toBeGreaterThan(0);
    });

    it('swelling past the thread’s memory: the file is too large to inspect', async () => {
      const swelling = await threadFile('swell.cjs', "module.exports = () => { const kept = []; for (;;) kept.push({ at: kept.length, text: 'x' + kept.length }); };");
      const reader = extractor({ threadFile: swelling, threadMemoryMb: 32 });
      expect(await reader.extract({ name: 'bomb.docx', data: docxWith(['x']) })).toEqual({ parts: [], uninspectable: [{ name: 'bomb.docx', reason: 'too_large' }] });
    });

    it('crashing its thread: the file is reported as damaged', async () => {
      const crashing = await threadFile('crash.cjs', 'module.exports = () => { process.exit(1); };');
      const reader = extractor({ threadFile: crashing });
      expect(await reader.extract({ name: 'odd.xlsx', data: zipWith({ a: 'b' }) })).toEqual({ parts: [], uninspectable: [{ name: 'odd.xlsx', reason: 'malformed' }] });
    });

    it('takes only its own thread down: a file waiting for that thread gets a new one, with its full time', async () => {
      // The real thread module, except for one file that never finishes.
      const real = pathToFileURL(join(__dirname, '../../dist/attachments/extract-thread.js')).href;
      const oneHostile = await threadFile(
        'one-hostile.cjs',
        `module.exports = (task) => {
          if (task.file.name !== 'hostile.pdf') return import('${real}').then(({ default: extractInThread }) => extractInThread(task));
          ${SPIN}
        };`,
      );
      const reader = extractor({ threadFile: oneHostile, threads: 1, limits: { timeoutMs: 1_000 } });
      // Had its clock started while it waited, the letter would be out of time when the hostile file is.
      const [stuck, read] = await Promise.all([
        reader.extract({ name: 'hostile.pdf', data: await pdfWith(['x']) }),
        reader.extract({ name: 'letter.txt', data: utf8('Dear colleague') }),
      ]);
      expect(stuck).toEqual({ parts: [], uninspectable: [{ name: 'hostile.pdf', reason: 'timeout' }] });
      expect(read).toEqual({ parts: [{ name: 'letter.txt', contentType: 'text/plain', text: 'Dear colleague' }], uninspectable: [] });
    });
  });
});
