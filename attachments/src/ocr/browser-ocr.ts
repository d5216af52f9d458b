// OCR for the task pane's extraction worker: tesseract.js's browser worker, its wasm core and the
// English model, all loaded from the service that served the add-in (never a CDN), and only when
// the first image arrives.
import Tesseract from 'tesseract.js';
import type { OcrEngine } from '../contract.js';
import { OcrError, readTurned, TESSERACT_PARAMETERS } from './reading.js';

/** Where the service serves the OCR files (addin-outlook's build copies them there). */
export interface BrowserOcrAssets {
  /** tesseract.js's dist/worker.min.js. */
  readonly workerUrl: string;
  /** A folder holding tesseract.js-core's `*-lstm.wasm.js` builds; tesseract.js picks the one the browser supports. */
  readonly coreUrl: string;
  /** A folder holding eng.traineddata.gz. */
  readonly langUrl: string;
}

export interface BrowserOcr extends OcrEngine {
  terminate(): Promise<void>;
}

/** An OCR engine whose tesseract.js worker starts on the first image. Same-origin URLs only: a blob worker would need `blob:` in the CSP. */
export function createBrowserOcr(assets: BrowserOcrAssets): BrowserOcr {
  let worker: Promise<Tesseract.Worker> | undefined;

  function start(): Promise<Tesseract.Worker> {
    const starting = Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
      workerPath: assets.workerUrl,
      corePath: assets.coreUrl,
      langPath: assets.langUrl,
      workerBlobURL: false,
      gzip: true,
      // The browser's HTTP cache keeps the model; IndexedDB would hold a second copy per origin.
      cacheMethod: 'none',
      errorHandler: () => undefined,
    }).then(
      async (w) => {
        await w.setParameters(TESSERACT_PARAMETERS);
        return w;
      },
      (error: unknown) => {
        throw new OcrError('ocr_unavailable', 'OCR could not load its files', { cause: error });
      },
    );
    starting.catch(() => (worker = undefined));
    return starting;
  }

  return {
    async recognize(image) {
      worker ??= start();
      const running = await worker;
      return readTurned(image, async (bytes) => {
        // tesseract.js takes a Blob (or File/ImageData/canvas) in the browser, not raw bytes.
        const { data } = await running.recognize(new Blob([bytes as Uint8Array<ArrayBuffer>]), { rotateAuto: true }, { text: true });
        return { text: data.text, confidence: data.confidence };
      });
    },
    async terminate() {
      const running = worker;
      worker = undefined;
      await (await running?.catch(() => undefined))?.terminate();
    },
  };
}
