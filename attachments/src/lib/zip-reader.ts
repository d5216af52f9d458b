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
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_EOCD_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
/** Header id of the ZIP64 extended information extra field (APPNOTE 4.5.3). */
const ZIP64_EXTRA = 0x0001;
/** At most 1,032 output bytes per input byte (deflate's ceiling): 8 KB in, at most ~8 MB out per step. */
const INFLATE_STEP = 8 * 1024;

const utf8 = new TextDecoder('utf-8');

/** Whether the bytes start like a ZIP (a local file header, or the end record of an empty archive). */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6));
}

/** Where the central directory is, and the offset it must end by. */
interface Directory {
  readonly count: number;
  readonly size: number;
  readonly offset: number;
  readonly end: number;
}

/**
 * The files in a ZIP (directories left out), from its central directory, ZIP64 or not (APPNOTE
 * 4.3.14–4.3.16, 4.5.3). Throws `Refusal` when it cannot be read.
 */
export function listZip(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const { count, size, offset, end } = readDirectory(view);
  if (offset + size > end) throw new Refusal('malformed');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_SIZE > offset + size || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new Refusal('malformed');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + CENTRAL_HEADER_SIZE + nameLength;
    if (nameEnd + extraLength > offset + size) throw new Refusal('malformed');
    // All ones means the value is in the ZIP64 extra field, in this order (APPNOTE 4.5.3).
    const [declaredSize, compressedSize, localHeaderOffset] = zip64Values(
      view,
      [view.getUint32(at + 24, true), view.getUint32(at + 20, true), view.getUint32(at + 42, true)],
      nameEnd,
      nameEnd + extraLength,
    );
    const name = utf8.decode(data.subarray(at + CENTRAL_HEADER_SIZE, nameEnd));
    if (!name.endsWith('/')) {
      entries.push({ name, encrypted: (flags & 1) === 1, method, compressedSize, declaredSize, localHeaderOffset });
    }
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/**
 * The directory as the end record states it, or as its ZIP64 record does when a locator precedes the
 * end record. An end record field that is not all ones must agree with the ZIP64 record: two
 * directories would let one tool list files another does not.
 */
function readDirectory(view: DataView): Directory {
  const eocd = findEndRecord(view);
  const stated = [view.getUint16(eocd + 10, true), view.getUint32(eocd + 12, true), view.getUint32(eocd + 16, true)] as const;
  const allOnes = [0xffff, 0xffffffff, 0xffffffff] as const;
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) {
    // ZIP64 marks without a ZIP64 record.
    if (stated.some((value, i) => value === allOnes[i])) throw new Refusal('malformed');
    return { count: stated[0], size: stated[1], offset: stated[2], end: eocd };
  }
  const record = uint64(view, locator + 8);
  if (record + ZIP64_EOCD_SIZE > locator || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) throw new Refusal('malformed');
  const real = [uint64(view, record + 32), uint64(view, record + 40), uint64(view, record + 48)] as const;
  if (stated.some((value, i) => value !== allOnes[i] && value !== real[i])) throw new Refusal('malformed');
  return { count: real[0], size: real[1], offset: real[2], end: record };
}

/** A central header's uncompressed size, compressed size and local header offset. */
type HeaderValues = [size: number, compressedSize: number, localHeaderOffset: number];

/** The header's values, each all-ones one replaced by the next 8-byte value of the ZIP64 extra field. */
function zip64Values(view: DataView, values: Readonly<HeaderValues>, extraStart: number, extraEnd: number): HeaderValues {
  if (!values.includes(0xffffffff)) return [...values];
  for (let at = extraStart; at + 4 <= extraEnd; ) {
    const id = view.getUint16(at, true);
    const end = at + 4 + view.getUint16(at + 2, true);
    if (end > extraEnd) break;
    if (id === ZIP64_EXTRA) {
      let next = at + 4;
      const take = (value: number) => {
        if (value !== 0xffffffff) return value;
        if (next + 8 > end) throw new Refusal('malformed');
        next += 8;
        return uint64(view, next - 8);
      };
      return [take(values[0]), take(values[1]), take(values[2])];
    }
    at = end;
  }
  throw new Refusal('malformed');
}

/** An unsigned 64-bit field; past 2^53 it is rounded, still far beyond any file's size or offset. */
function uint64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
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

/** An entry whose actual (inflated) size has been measured. */
export interface MeasuredEntry extends ZipEntry {
  readonly size: number;
}

/**
 * Proves an Office file (DOCX, XLSX) stays within the job's decompression budget before a library
 * that inflates without limits is given it, and spends that budget once for every later inflation
 * of the same bytes. Returns the entries with their measured sizes.
 */
export function checkExpansion(data: Uint8Array, job: Job): MeasuredEntry[] {
  const entries = listZip(data);
  if (entries.some((e) => e.encrypted)) throw new Refusal('encrypted');
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > job.decompressedLeft) throw new Refusal('decompression_limit');
  return entries.map((entry) => {
    const stored = readableBytes(data, entry);
    const size = entry.method === 0 ? stored.length : inflate(stored, job.decompressedLeft, job);
    if (size === undefined || size > job.decompressedLeft) throw new Refusal('decompression_limit');
    job.decompressedLeft -= size;
    return { ...entry, size };
  });
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
