import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DEFAULT_LIMITS, type AttachmentFile, type Extraction, type ExtractLimits, type OcrEngine, type UninspectableReason } from '@phiguard/attachments';
// Node-only, so not in the package's browser-safe index; a subpath export would replace this path.
import { createNodeOcr, type NodeOcr } from '@phiguard/attachments/node-ocr';
import type { FromThread, ThreadTask, ToThread } from './extract-thread.js';

/**
 * Text out of attachments for the service and the CLI. Each file is read in a worker thread, so a
 * hostile one that spins or swells ends its thread, never blocks or crashes the process; OCR stays
 * on the main thread, one engine per process.
 */
export interface Extractor {
  readonly limits: ExtractLimits;
  /**
   * Never throws for the file's sake: a file that outruns its thread is `uninspectable` like any other.
   * `ocr: false` leaves images and scanned pages unread (`ocr_unavailable`), for callers that cannot wait seconds a page.
   */
  extract(file: AttachmentFile, options?: { readonly ocr?: boolean }): Promise<Extraction>;
  /** Ends the threads and the OCR engine's workers, if they were started; later extractions start new ones. */
  close(): Promise<void>;
}

export interface ExtractorOptions {
  readonly limits?: Partial<ExtractLimits>;
  /** The OCR engine, created on the first image; the Node engine (tesseract.js, local model) by default. */
  readonly createOcr?: () => Promise<NodeOcr>;
  /** Files read at once; more wait for a thread. EXTRACT_THREADS by default. */
  readonly threads?: number;
  /** Heap of one thread in MB: a file that needs more ends its thread and is `too_large`. THREAD_MEMORY_MB by default. */
  readonly threadMemoryMb?: number;
  /** The module a thread runs, exporting extract-thread's task as CommonJS (see extract-thread-entry.cts); the compiled entry by default. */
  readonly threadFile?: string;
  /**
   * Read HEIC photos (heif.ts): off by default, as the decoder is LGPL-3.0 and HEVC is patent-encumbered;
   * off, they are `unsupported` and the policy's fail mode decides.
   */
  readonly heic?: boolean;
}

/** As many as the attachment scan route lets extract at once (DEFAULT_SCAN_GATE), one thread each. */
export const EXTRACT_THREADS = 2;
/**
 * A Word file of 100,000 paragraphs (7 MB of text) is read within it; one that needs more took longer than the
 * default time limit anyway. Typed arrays (decompressed data) are outside it, bounded by maxDecompressedBytes.
 */
export const THREAD_MEMORY_MB = 512;
/** Past the attachment's own time limit, which extractText keeps whenever parsing yields, before its thread is ended. */
const GRACE_MS = 1_000;

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const limits: ExtractLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const create = options.createOcr ?? (() => createNodeOcr());
  let engine: Promise<NodeOcr> | undefined;
  // Created on first use: most attachments are not images, and each OCR worker holds a wasm heap.
  const ocr: OcrEngine = {
    recognize: async (image, contentType) => {
      engine ??= create().catch((error: unknown) => {
        engine = undefined;
        throw error;
      });
      return (await engine).recognize(image, contentType);
    },
  };
  let pool: Piscina<ThreadTask, Extraction> | undefined;
  const startPool = () => {
    const filename = options.threadFile ?? compiledThreadFile();
    if (!existsSync(filename)) throw new Error(`attachment extraction thread not found at ${filename}; run npm run build`);
    const threads = options.threads ?? EXTRACT_THREADS;
    const started = new Piscina<ThreadTask, Extraction>({
      filename,
      // Kept at full strength: piscina replaces an ended thread only up to minThreads, and a file queued for it would wait for the next call.
      minThreads: threads,
      maxThreads: threads,
      resourceLimits: { maxOldGenerationSizeMb: options.threadMemoryMb ?? THREAD_MEMORY_MB },
      // Plain Node running the compiled modules: a process started under tsx (the CLI in tests, `npm run eval`) would otherwise pass its loader hooks and source conditions on.
      execArgv: [],
      // Between files a thread runs its event loop instead of sleeping in Atomics.wait, so work left behind by a file that timed out reaches its next deadline check and stops.
      atomics: 'disabled',
    });
    // A thread that fails between files (that same leftover work) is replaced; its error may quote content, so it is not passed on.
    started.on('error', () => undefined);
    return started;
  };

  return {
    limits,
    async extract(file, { ocr: withOcr = true } = {}) {
      pool ??= startPool();
      const { port1: port, port2 } = new MessageChannel();
      const ended = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      // The clock starts when a thread takes the file, not while it waits for one.
      port.on('message', (message: FromThread) => {
        if (message.type === 'started') timer = setTimeout(() => ended.abort(), limits.timeoutMs + GRACE_MS);
        else void answer(port, message, ocr);
      });
      // A copy of just the file, moved to the thread: a Buffer may share its memory (Node's pool, a parsed message), which must stay.
      const data = new Uint8Array(file.data);
      try {
        return await pool.run({ file: { ...file, data }, limits, heic: options.heic === true, ocr: withOcr, port: port2 }, { signal: ended.signal, transferList: [port2, data.buffer] });
      } catch (error) {
        return { parts: [], uninspectable: [{ name: file.name, reason: ended.signal.aborted ? 'timeout' : deathReason(error) }] };
      } finally {
        clearTimeout(timer);
        port.close();
      }
    },
    async close() {
      const threads = pool;
      const running = engine;
      pool = undefined;
      engine = undefined;
      await Promise.all([threads?.destroy(), running?.then((started) => started.terminate(), () => undefined)]);
    },
  };
}

/**
 * The thread module beside this one, compiled. Run from the TypeScript sources (jest, tsx), that is
 * the one `npm run build` put in dist: a worker thread is plain Node, which cannot load .ts.
 */
function compiledThreadFile(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? '../../dist/attachments/extract-thread-entry.cjs' : './extract-thread-entry.cjs', import.meta.url));
}

/** Reads an image for a thread with the process's engine; only the engine's error code goes back. */
async function answer(port: MessagePort, request: Extract<FromThread, { type: 'ocr' }>, ocr: OcrEngine): Promise<void> {
  const reply: ToThread = await ocr.recognize(request.image, request.contentType).then(
    (text) => ({ id: request.id, text }),
    (error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      return { id: request.id, code: typeof code === 'string' ? code : undefined };
    },
  );
  // Dropped if the thread has finished or was ended meanwhile.
  port.postMessage(reply);
}

/** Why a thread died under a file: past its memory limit the file is too large to inspect; any other crash, damaged. */
function deathReason(error: unknown): UninspectableReason {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'malformed';
}
