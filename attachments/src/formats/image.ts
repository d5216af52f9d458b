import type { AttachmentFile } from '../contract.js';
import { addPart, addUninspectable, checkDeadline, recognize, Refusal, type Job } from '../lib/job.js';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'webp';

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

const CONTENT_TYPES: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', tiff: 'image/tiff', webp: 'image/webp',
};
/** Narrower than this, no legible glyph fits (tracking pixels, spacers, rules): nothing to read, nothing to report. */
export const MIN_LEGIBLE_SIDE = 8;

/**
 * Text from an image by the injected OCR engine, after its size is read from the header (nothing is
 * decoded here): past `maxPixels` it is refused, and without an engine it is reported as not inspected.
 */
export async function readImage(file: AttachmentFile, job: Job, format: ImageFormat): Promise<void> {
  const size = imageDimensions(file.data, format);
  if (!size || size.width <= 0 || size.height <= 0) throw new Refusal('malformed');
  if (size.width < MIN_LEGIBLE_SIDE || size.height < MIN_LEGIBLE_SIDE) return;
  if (size.width * size.height > job.limits.maxPixels) throw new Refusal('image_too_large');
  if (!job.ocr) {
    addUninspectable(job, file.name, 'ocr_unavailable');
    return;
  }
  const contentType = CONTENT_TYPES[format];
  const text = await recognize(job.ocr, file.data, contentType);
  checkDeadline(job);
  addPart(job, { name: file.name, contentType, text, ocr: true });
}

/** Width and height from the image header, or `undefined` if the header is not there. */
export function imageDimensions(b: Uint8Array, format: ImageFormat): Dimensions | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fits = (end: number) => end <= b.length;
  switch (format) {
    case 'png': // IHDR is the first chunk (PNG 11.2.2)
      return fits(24) ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
    case 'gif': // logical screen descriptor (GIF89a 18)
      return fits(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : undefined;
    case 'bmp':
      if (!fits(26)) return undefined;
      return view.getUint32(14, true) === 12
        ? { width: view.getUint16(18, true), height: view.getUint16(20, true) }
        : { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
    case 'jpeg':
      return jpegDimensions(b, view);
    case 'tiff':
      return tiffDimensions(b, view);
    case 'webp':
      return webpDimensions(b, view);
  }
}

/** The first start-of-frame segment (ITU T.81 B.2.2); SOF markers are C0–CF except C4, C8 and CC. */
function jpegDimensions(b: Uint8Array, view: DataView): Dimensions | undefined {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
    } else if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      at += 2; // markers without a length
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    } else {
      at += 2 + view.getUint16(at + 2);
    }
  }
  return undefined;
}

/** ImageWidth (256) and ImageLength (257) of the first image file directory (TIFF 6.0 section 2). */
function tiffDimensions(b: Uint8Array, view: DataView): Dimensions | undefined {
  if (b.length < 8) return undefined;
  const little = b[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > b.length) return undefined;
  const count = view.getUint16(ifd, little);
  let width: number | undefined;
  let height: number | undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > b.length) return undefined;
    const tag = view.getUint16(entry, little);
    // SHORT (3) or LONG (4), held in the entry's value field.
    const value = view.getUint16(entry + 2, little) === 3 ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little);
    if (tag === 256) width = value;
    else if (tag === 257) height = value;
  }
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

/** The first chunk after the RIFF header: lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webpDimensions(b: Uint8Array, view: DataView): Dimensions | undefined {
  if (b.length < 30) return undefined;
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return undefined;
}
