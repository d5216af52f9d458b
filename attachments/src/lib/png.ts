// A minimal PNG writer (PNG spec, 2nd edition: 11.2 chunks, 9 filter type None), so decoded
// pixels, such as a scanned PDF page's image, can be handed to OCR without a canvas.
import { zlibSync } from 'fflate';

/** Decoded pixels as pdf.js gives them (its ImageKind): 1 = 1-bit grey in packed rows (1 is white), 2 = RGB, 3 = RGBA. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly kind: 1 | 2 | 3;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bit depth and colour type per kind (PNG 11.2.2 table 11.1). */
const FORMAT = { 1: [1, 0], 2: [8, 2], 3: [8, 6] } as const;

/** The image as PNG bytes, or `undefined` if `data` is shorter than its size says. */
export function encodePng(image: RawImage): Uint8Array | undefined {
  const { width, height, kind, data } = image;
  const rowBytes = kind === 1 ? Math.ceil(width / 8) : width * (kind === 2 ? 3 : 4);
  if (data.length < rowBytes * height) return undefined;
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set(FORMAT[kind], 8);
  // Level 1: OCR wants the pixels soon, not a small file.
  return concat([new Uint8Array(PNG_SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level: 1 })), chunk('IEND', new Uint8Array(0))]);
}

/** One PNG chunk: length, type, data and the CRC over type and data (PNG 5.3). */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let table: Uint32Array | undefined;

/** CRC-32 of ISO 3309, as PNG 5.5 specifies it. */
function crc32(data: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function concat(arrays: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
