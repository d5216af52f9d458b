// OCR for Node hosts (service, CLI): tesseract.js in worker threads, with the worker script, the
// wasm core and the English LSTM data all read from installed packages, so nothing is fetched.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import type { OcrEngine } from '../contract.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { OcrError, readTurned, TESSERACT_PARAMETERS, type Reading } from './reading.js';

export { OcrError, type OcrErrorCode } from './reading.js';

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
    await worker.setParameters(TESSERACT_PARAMETERS);
    const thread = (worker as unknown as { worker: Thread }).worker;
    const died = new Promise<never>((_, reject) => {
      thread.once('error', (e) => reject(new OcrError('ocr_unavailable', 'OCR worker failed', { cause: e })));
      thread.once('exit', () => reject(new OcrError('ocr_unavailable', 'OCR worker stopped')));
    });
    died.catch(() => undefined);
    return { worker, died };
  }

  async function recognizeOn(lane: Lane, image: Buffer): Promise<Reading> {
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

  const read = (lane: Lane, image: Uint8Array): Promise<string> =>
    readTurned(image, (bytes) => recognizeOn(lane, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));

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
