import { DEFAULT_LIMITS, extractText, type AttachmentFile, type Extraction, type ExtractLimits, type OcrEngine } from '@phiguard/attachments';
// Node-only, so not in the package's browser-safe index; a subpath export would replace this path.
import { createNodeOcr, type NodeOcr } from '@phiguard/attachments/node-ocr';

/** Text out of attachments for the service and the CLI, with one OCR engine per process. */
export interface Extractor {
  readonly limits: ExtractLimits;
  extract(file: AttachmentFile): Promise<Extraction>;
  /** Ends the OCR engine's worker threads, if one was started; later extractions start a new one. */
  close(): Promise<void>;
}

export interface ExtractorOptions {
  readonly limits?: Partial<ExtractLimits>;
  /** The OCR engine, created on the first image; the Node engine (tesseract.js, local model) by default. */
  readonly createOcr?: () => Promise<NodeOcr>;
}

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const limits: ExtractLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const create = options.createOcr ?? (() => createNodeOcr());
  let engine: Promise<NodeOcr> | undefined;
  // Created on first use: most attachments are not images, and each worker holds a wasm heap.
  const ocr: OcrEngine = {
    recognize: async (image, contentType) => {
      engine ??= create().catch((error: unknown) => {
        engine = undefined;
        throw error;
      });
      return (await engine).recognize(image, contentType);
    },
  };
  return {
    limits,
    // pdf.js refuses a Node Buffer ("provide binary data as Uint8Array"); files here come from fs, base64 and mailparser as Buffers.
    extract: (file) => extractText(file.data instanceof Buffer ? { ...file, data: new Uint8Array(file.data) } : file, { limits, ocr }),
    async close() {
      const running = engine;
      engine = undefined;
      await (await running?.catch(() => undefined))?.terminate();
    },
  };
}
