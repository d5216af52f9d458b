import type { AttachmentFile, Extraction, ExtractLimits, HeifDecoder, OcrEngine } from './contract.js';
import { detectFormat, type Format } from './detect-format.js';
import { readDocx } from './formats/docx.js';
import { readEml } from './formats/eml.js';
import { readHeif } from './formats/heif.js';
import { readImage } from './formats/image.js';
import { readMsg } from './formats/msg.js';
import { readPdf } from './formats/pdf.js';
import { readText } from './formats/text.js';
import { readXlsx } from './formats/xlsx.js';
import { readZip } from './formats/zip.js';
import { addUninspectable, checkDeadline, Refusal, type Job, type ReadNested } from './lib/job.js';
import { DEFAULT_LIMITS } from './limits.js';

export interface ExtractOptions {
  readonly limits?: Partial<ExtractLimits>;
  readonly ocr?: OcrEngine;
  /** HEIC photos are read only with a decoder, which hosts inject when they may decode HEVC; otherwise `unsupported`. */
  readonly heif?: HeifDecoder;
}

type Reader = (file: AttachmentFile, job: Job, readNested: ReadNested) => Promise<void>;

const refuse = (reason: 'unsupported' | 'encrypted'): Reader => async () => {
  throw new Refusal(reason);
};

const READERS: Readonly<Record<Format, Reader>> = {
  pdf: readPdf,
  docx: readDocx,
  xlsx: readXlsx,
  zip: readZip,
  eml: readEml,
  msg: readMsg,
  html: (file, job) => readText(file, job, 'html'),
  rtf: (file, job) => readText(file, job, 'rtf'),
  csv: (file, job) => readText(file, job, 'csv'),
  text: (file, job) => readText(file, job, 'text'),
  png: (file, job) => readImage(file, job, 'png'),
  jpeg: (file, job) => readImage(file, job, 'jpeg'),
  gif: (file, job) => readImage(file, job, 'gif'),
  bmp: (file, job) => readImage(file, job, 'bmp'),
  tiff: (file, job) => readImage(file, job, 'tiff'),
  webp: (file, job) => readImage(file, job, 'webp'),
  heif: readHeif,
  encrypted_office: refuse('encrypted'),
  office_other: refuse('unsupported'),
  unknown: refuse('unsupported'),
};

/** Containers (ZIP, forwarded mail) are opened one level deep; what they hold is read, not opened further. */
const MAX_DEPTH = 1;
const CONTAINERS: ReadonlySet<Format> = new Set<Format>(['zip', 'eml', 'msg']);

/**
 * The text of one attachment, with what could not be read and why. Never throws and never takes
 * much longer than `timeoutMs`: on the deadline it returns what was read so far plus `timeout`.
 * Synchronous parsing inside a library cannot be interrupted from the same thread, so work may go
 * on in the background until its next deadline check; hosts that must bound CPU run this in a
 * worker they can terminate.
 */
export async function extractText(file: AttachmentFile, options: ExtractOptions = {}): Promise<Extraction> {
  const limits: ExtractLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const job: Job = {
    limits,
    ocr: options.ocr,
    heif: options.heif,
    deadline: Date.now() + limits.timeoutMs,
    decompressedLeft: limits.maxDecompressedBytes,
    over: false,
    parts: [],
    uninspectable: [],
  };
  const finished = await withinDeadline(read(file, job, 0), limits.timeoutMs);
  if (!finished) addUninspectable(job, file.name, 'timeout');
  job.over = true;
  return { parts: [...job.parts], uninspectable: [...job.uninspectable] };
}

async function read(file: AttachmentFile, job: Job, depth: number): Promise<void> {
  try {
    checkDeadline(job);
    if (file.data.byteLength > job.limits.maxBytes) throw new Refusal('too_large');
    const format = detectFormat(file.data, file.name, file.contentType);
    // A ZIP inside a container would be a second level of expansion.
    if (format === 'zip' && depth >= MAX_DEPTH) throw new Refusal('unsupported');
    const readNested: ReadNested =
      CONTAINERS.has(format) && depth < MAX_DEPTH
        ? (inner) => read(inner, job, depth + 1)
        : async (inner) => addUninspectable(job, inner.name, 'unsupported');
    await READERS[format](file, job, readNested);
  } catch (error) {
    // Any library failure is the file's: `malformed`, and never its message, which may quote content.
    addUninspectable(job, file.name, error instanceof Refusal ? error.reason : 'malformed');
  }
}

/** Whether the work finished before the deadline; it is not stopped, only no longer waited for. */
async function withinDeadline(work: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
