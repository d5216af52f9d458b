import { describe, expect, it } from '@jest/globals';
import { unzlibSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { encodePng, type RawImage } from './png.js';

interface Chunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

/** Splits a PNG into chunks, checking each CRC with Node's zlib (an independent implementation). */
function chunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('writing decoded pixels as PNG for OCR', () => {
  it.each<[string, RawImage, number[], number]>([
    ['1-bit grey, rows packed', { width: 10, height: 2, kind: 1, data: new Uint8Array([0xff, 0xc0, 0x00, 0x40]) }, [1, 0], 2],
    ['RGB', { width: 2, height: 2, kind: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) }, [8, 2], 6],
    ['RGBA', { width: 1, height: 2, kind: 3, data: new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 128]) }, [8, 6], 4],
  ])('%s: signature, header, rows behind filter bytes, valid CRCs', (_label, image, depthAndType, rowBytes) => {
    const png = encodePng(image)!;
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr, idat, iend] = chunks(png);
    expect([ihdr!.type, idat!.type, iend!.type]).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([ihdr, idat, iend].every((c) => c!.crcOk)).toBe(true);
    const header = new DataView(ihdr!.data.buffer, ihdr!.data.byteOffset);
    expect([header.getUint32(0), header.getUint32(4), ihdr!.data[8], ihdr!.data[9]]).toEqual([image.width, image.height, ...depthAndType]);
    const rows = unzlibSync(idat!.data);
    const expected: number[] = [];
    for (let y = 0; y < image.height; y++) expected.push(0, ...image.data.subarray(y * rowBytes, (y + 1) * rowBytes));
    expect(Array.from(rows)).toEqual(expected);
  });

  it('refuses pixels shorter than the size they claim', () => {
    expect(encodePng({ width: 100, height: 100, kind: 2, data: new Uint8Array(10) })).toBeUndefined();
  });
});
