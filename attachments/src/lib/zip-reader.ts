// ZIP containers (ZIP archives, DOCX, XLSX) read from the central directory, so sizes, counts and
// encryption are known before anything is inflated (PKWARE APPNOTE.TXT 4.3). Inflation is streamed
// in small chunks and stops at a byte cap, because a declared size can lie (zip bomb).
import { Inflate } from 'fflate';
import { checkDeadline, Refusal, type Job } from './job.js';

export interface ZipEntry {
  readonly name: string;
  readonly encrypted: boolean;
  /** 0 stored, 8 deflated; anything else is not read. */
  readonly method: number;
  readonly compressedSize: number;
  /** Uncompressed size as declared; checked, never trusted. */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
/** At most 1,032 output bytes per input byte (deflate's ceiling): 8 KB in, at most ~8 MB out per step. */
const INFLATE_STEP = 8 * 1024;

const utf8 = new TextDecoder('utf-8');

/** Whether the bytes start like a ZIP (a local file header, or the end record of an empty archive). */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6));
}

/** The files in a ZIP (directories left out), from its central directory. Throws `Refusal` when it cannot be read. */
export function listZip(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const eocd = findEndRecord(view);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  // ZIP64 marks its real values with all-ones fields; archives within our size limit have no need of it.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new Refusal('unsupported');
  if (offset + size > eocd) throw new Refusal('malformed');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_SIZE > offset + size || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new Refusal('malformed');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localHeaderOffset === 0xffffffff) throw new Refusal('unsupported');
    const nameEnd = at + CENTRAL_HEADER_SIZE + nameLength;
    if (nameEnd > offset + size) throw new Refusal('malformed');
    const name = utf8.decode(data.subarray(at + CENTRAL_HEADER_SIZE, nameEnd));
    if (!name.endsWith('/')) {
      entries.push({ name, encrypted: (flags & 1) === 1, method, compressedSize, declaredSize, localHeaderOffset });
    }
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function findEndRecord(view: DataView): number {
  // The record is last, after a comment of at most 65,535 bytes.
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - 0xffff);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new Refusal('malformed');
}

/** An entry's bytes as stored (compressed), located through its local header. */
function storedBytes(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > data.length) throw new Refusal('malformed');
  const view = new DataView(data.buffer, data.byteOffset + at, LOCAL_HEADER_SIZE);
  if (view.getUint32(0, true) !== LOCAL_SIGNATURE) throw new Refusal('malformed');
  const start = at + LOCAL_HEADER_SIZE + view.getUint16(26, true) + view.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new Refusal('malformed');
  return data.subarray(start, end);
}

/** An entry's content, or `undefined` as soon as it would exceed `maxBytes`. */
export function inflateEntry(data: Uint8Array, entry: ZipEntry, maxBytes: number, job: Job): Uint8Array | undefined {
  const stored = readableBytes(data, entry);
  if (entry.method === 0) return stored.length > maxBytes ? undefined : stored;
  const chunks: Uint8Array[] = [];
  const total = inflate(stored, maxBytes, job, chunks);
  return total === undefined ? undefined : concat(chunks, total);
}

/**
 * Proves an Office file (DOCX, XLSX) stays within the job's decompression budget before a library
 * that inflates without limits is given it, and spends that budget. Returns the entries.
 */
export function checkExpansion(data: Uint8Array, job: Job): ZipEntry[] {
  const entries = listZip(data);
  if (entries.some((e) => e.encrypted)) throw new Refusal('encrypted');
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > job.decompressedLeft) throw new Refusal('decompression_limit');
  for (const entry of entries) {
    const stored = readableBytes(data, entry);
    const size = entry.method === 0 ? stored.length : inflate(stored, job.decompressedLeft, job);
    if (size === undefined || size > job.decompressedLeft) throw new Refusal('decompression_limit');
    job.decompressedLeft -= size;
  }
  return entries;
}

function readableBytes(data: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) throw new Refusal('encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new Refusal('unsupported');
  return storedBytes(data, entry);
}

/** Inflates in steps, checking the deadline between them; the output size, or `undefined` past `maxBytes`. */
function inflate(stored: Uint8Array, maxBytes: number, job: Job, sink?: Uint8Array[]): number | undefined {
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      over = true;
      throw new Refusal('decompression_limit');
    }
    sink?.push(chunk);
  });
  for (let at = 0; at < stored.length; at += INFLATE_STEP) {
    checkDeadline(job);
    try {
      inflater.push(stored.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= stored.length);
    } catch (error) {
      if (over) return undefined;
      throw error;
    }
  }
  return total;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
