// The piscina task of the service extractor (extractor.ts): one attachment read in a worker thread,
// which the main thread ends if parsing outruns the time limit or the thread's memory.
import type { MessagePort } from 'node:worker_threads';
import { extractText, type AttachmentFile, type Extraction, type ExtractLimits, type OcrEngine } from '@phiguard/attachments';
import { heifDecoder } from './heif.js';

export interface ThreadTask {
  readonly file: AttachmentFile;
  readonly limits: ExtractLimits;
  /** Read HEIC photos (extractor.ts ExtractorOptions.heic); otherwise they are `unsupported`. */
  readonly heic: boolean;
  /** Images and scanned pages go to the main thread's OCR engine; otherwise they are `ocr_unavailable`. */
  readonly ocr: boolean;
  /** To the main thread, which keeps the time limit and holds the process's one OCR engine. */
  readonly port: MessagePort;
}

/** Sent by the thread: the file's clock has started, or an image needs reading. */
export type FromThread = { readonly type: 'started' } | { readonly type: 'ocr'; readonly id: number; readonly image: Uint8Array; readonly contentType: string };

/** The main thread's answer to an `ocr` request: the text, or only the engine's error code. */
export type ToThread = { readonly id: number; readonly text: string } | { readonly id: number; readonly code: string | undefined };

/** An OCR request that failed on the main thread; `code` is the engine's (`timeout`, `ocr_unavailable`), which readImage reads. */
class OcrReplyError extends Error {
  override readonly name = 'OcrReplyError';
  constructor(readonly code: string | undefined) {
    super(`OCR failed: ${code ?? 'unknown'}`);
  }
}

/** One attachment, read with the main thread's OCR engine over `port`; the `started` message starts its clock there. */
export default async function extractInThread({ file, limits, heic, ocr, port }: ThreadTask): Promise<Extraction> {
  port.postMessage({ type: 'started' } satisfies FromThread);
  try {
    return await extractText(file, { limits, ocr: ocr ? ocrOver(port) : undefined, heif: heic ? heifDecoder : undefined });
  } finally {
    // Reads still running past the deadline get `ocr_unavailable` rather than waiting forever.
    port.close();
  }
}

/** An OCR engine that asks the main thread's: each thread starting tesseract would cost a wasm heap and a model per thread. */
function ocrOver(port: MessagePort): OcrEngine {
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: OcrReplyError) => void }>();
  let next = 0;
  port.on('message', (reply: ToThread) => {
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if ('text' in reply) request?.resolve(reply.text);
    else request?.reject(new OcrReplyError(reply.code));
  });
  port.on('close', () => {
    for (const request of pending.values()) request.reject(new OcrReplyError('ocr_unavailable'));
    pending.clear();
  });
  return {
    recognize: (image, contentType) =>
      new Promise<string>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        // An image that is its whole buffer (the attachment, a ZIP entry, a PDF image as PNG) is not read again here, so it moves; a view into a larger buffer is copied.
        const whole = image.buffer instanceof ArrayBuffer && image.byteOffset === 0 && image.byteLength === image.buffer.byteLength;
        const bytes = whole ? image : image.slice();
        port.postMessage({ type: 'ocr', id, image: bytes, contentType } satisfies FromThread, [bytes.buffer as ArrayBuffer]);
      }),
  };
}
