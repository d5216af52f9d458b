// OCR for Node hosts (service, CLI): tesseract.js in worker threads, with the worker script, the
// wasm core and the English LSTM data all read from installed packages, so nothing is fetched.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import Tesseract from 'tesseract.js';
import type { OcrEngine, UninspectableReason } from '../contract.js';
import { DEFAULT_LIMITS } from '../limits.js';

export interface NodeOcrOptions {
  /** Folder holding eng.traineddata(.gz); by default the installed @tesseract.js-data/eng LSTM model. */
  readonly langPath?: string;
  /** Worker threads, each with its own wasm heap and copy of the model; at most one per spare core. */
  readonly workers?: number;
  /** One recognition longer than this ends its worker (a fresh one starts on the next call); by default an attachment's time limit. */
  readonly timeoutMs?: number;
}

export interface NodeOcr extends OcrEngine {
  terminate(): Promise<void>;
}

export type OcrErrorCode = Extract<UninspectableReason, 'malformed' | 'timeout' | 'ocr_unavailable'>;

/** Why an image gave no text; `code` is the attachment's uninspectable reason. Never carries image text. */
export class OcrError extends Error {
  override readonly name = 'OcrError';
  constructor(
    readonly code: OcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Mean word confidence (0–100) at which a reading is kept without trying the image turned. */
const CONFIDENT = 70;
/**
 * EXIF orientations to try on an unsure reading. Automatic page segmentation already reads a page
 * turned a quarter clockwise (it takes the lines for vertical text), so the quarter turn the other
 * way (6) and upside down (3) come first, and the clockwise one (8) last.
 */
const TURNS = [6, 3, 8] as const;

const PARAMETERS = {
  tessedit_pageseg_mode: Tesseract.PSM.AUTO,
  // Sauvola's local threshold keeps faint or unevenly lit text that Otsu's global one loses (k tuned on the render-text fixtures).
  thresholding_method: '2',
  thresholding_kfactor: '0.2',
  // Tesseract's diagnostics ("Estimating resolution as …") would otherwise go to stderr.
  debug_file: '/dev/null',
};

const packages = createRequire(import.meta.url);

/** The LSTM-only, integer-quantised English model: the smaller of the two the package ships (no legacy engine). */
function installedLangPath(): string {
  return join(dirname(packages.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

interface Lane {
  worker: Promise<Running> | undefined;
  queued: number;
  tail: Promise<unknown>;
}

interface Running {
  readonly worker: Tesseract.Worker;
  /** Rejects when the thread dies (wasm abort, out of memory), so no job waits forever. */
  readonly died: Promise<never>;
}

/**
 * An OCR engine whose workers start on first use. Images are read by content (whatever Leptonica
 * decodes: PNG, JPEG, TIFF, BMP, GIF, WebP), not by the declared type; a PNG or JPEG read with low
 * confidence is read again turned, for phone photos taken sideways or pages scanned upside down.
 */
export async function createNodeOcr(options: NodeOcrOptions = {}): Promise<NodeOcr> {
  const langPath = options.langPath ?? installedLangPath();
  // A URL would make tesseract.js download the model; only a local folder is accepted.
  if (!isAbsolute(langPath)) throw new OcrError('ocr_unavailable', 'OCR language path must be an absolute local folder');
  const gzip = existsSync(join(langPath, 'eng.traineddata.gz'));
  if (!gzip && !existsSync(join(langPath, 'eng.traineddata'))) throw new OcrError('ocr_unavailable', 'eng.traineddata not found in the OCR language path');
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  const lanes: Lane[] = Array.from({ length: Math.max(1, options.workers ?? 1) }, () => ({ worker: undefined, queued: 0, tail: Promise.resolve() }));
  let terminated = false;

  async function start(): Promise<Running> {
    const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip,
      // The node worker script shipped in tesseract.js; it loads the wasm core with require(), so no corePath.
      workerPath: packages.resolve('tesseract.js/src/worker-script/node/index.js'),
      cacheMethod: 'none',
      // Without a handler tesseract.js rethrows a failed job in the main thread, killing the process.
      errorHandler: () => undefined,
    }).catch((e: unknown) => {
      throw new OcrError('ocr_unavailable', 'OCR worker could not load its model', { cause: e });
    });
    await worker.setParameters(PARAMETERS);
    const thread = (worker as unknown as { worker: Thread }).worker;
    const died = new Promise<never>((_, reject) => {
      thread.once('error', (e) => reject(new OcrError('ocr_unavailable', 'OCR worker failed', { cause: e })));
      thread.once('exit', () => reject(new OcrError('ocr_unavailable', 'OCR worker stopped')));
    });
    died.catch(() => undefined);
    return { worker, died };
  }

  async function recognizeOn(lane: Lane, image: Buffer): Promise<{ text: string; confidence: number }> {
    lane.worker ??= start();
    const running = lane.worker;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrError('timeout', `OCR took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const { worker, died } = await Promise.race([running, timeout]);
      const { data } = await Promise.race([worker.recognize(image, { rotateAuto: true }, { text: true }), died, timeout]);
      return { text: data.text, confidence: data.confidence };
    } catch (e) {
      if (e instanceof OcrError) {
        // A stuck or dead worker is replaced; its wasm heap goes with it.
        if (lane.worker === running) lane.worker = undefined;
        void running.then((r) => r.worker.terminate()).catch(() => undefined);
        throw e;
      }
      // tesseract.js rejects with a bare string, e.g. "Error: Error attempting to read image."
      throw new OcrError('malformed', 'the image could not be decoded', { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }

  async function read(lane: Lane, image: Uint8Array): Promise<string> {
    let best = await recognizeOn(lane, Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    if (best.confidence >= CONFIDENT) return best.text;
    for (const orientation of TURNS) {
      const turned = withOrientation(image, orientation);
      if (turned === undefined) break;
      const reading = await recognizeOn(lane, turned);
      if (reading.confidence > best.confidence) best = reading;
      if (best.confidence >= CONFIDENT) break;
    }
    return best.text;
  }

  return {
    async recognize(image) {
      if (terminated) throw new OcrError('ocr_unavailable', 'OCR engine terminated');
      const lane = lanes.reduce((a, b) => (b.queued < a.queued ? b : a));
      lane.queued++;
      const job = lane.tail.then(() => read(lane, image));
      lane.tail = job.catch(() => undefined);
      try {
        return await job;
      } finally {
        lane.queued--;
      }
    },
    async terminate() {
      terminated = true;
      await Promise.all(
        lanes.map(async (lane) => {
          const running = lane.worker;
          lane.worker = undefined;
          if (running) await running.then((r) => r.worker.terminate()).catch(() => undefined);
        }),
      );
    },
  };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** IHDR is always first: 8-byte signature + 25-byte chunk. */
const AFTER_IHDR = 33;

/**
 * The image with an EXIF Orientation tag placed first, so Leptonica turns it by quarter turns
 * without cropping (tesseract.js reads a big-endian Orientation from the first 500 bytes;
 * its rotateRadians keeps the canvas and would cut a turned page). PNG and JPEG only.
 */
function withOrientation(image: Uint8Array, orientation: 3 | 6 | 8): Buffer | undefined {
  // TIFF header (big-endian "MM", IFD at 8), one entry: tag 0x0112 Orientation, SHORT, count 1 (CIPA DC-008 §4.6.4).
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  if (PNG_SIGNATURE.every((b, i) => image[i] === b) && image.length > AFTER_IHDR) {
    // eXIf chunk (PNG 3rd edition §11.3.6): length, type, data, CRC over type and data.
    const chunk = Buffer.alloc(12 + tiff.length);
    chunk.writeUInt32BE(tiff.length, 0);
    chunk.write('eXIf', 4, 'latin1');
    chunk.set(tiff, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + tiff.length)), 8 + tiff.length);
    return Buffer.concat([image.subarray(0, AFTER_IHDR), chunk, image.subarray(AFTER_IHDR)]);
  }
  if (image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) {
    // APP1 "Exif\0\0" segment right after SOI (JPEG ISO/IEC 10918-1 B.2.4.6, EXIF 2.3 §4.5.4); length counts itself.
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const app1 = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
    return Buffer.concat([image.subarray(0, 2), app1, image.subarray(2)]);
  }
  return undefined;
}
