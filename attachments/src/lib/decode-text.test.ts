import { describe, expect, it } from '@jest/globals';
import { decodeText } from './decode-text.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decoding attachment text', () => {
  it.each([
    ['UTF-8 with a byte-order mark, mark dropped', bytes(0xef, 0xbb, 0xbf, 0x4a, 0x6f, 0x73, 0xc3, 0xa9), 'José'],
    ['UTF-8 without a mark', bytes(0x4a, 0x6f, 0x73, 0xc3, 0xa9), 'José'],
    ['UTF-16LE with its mark', bytes(0xff, 0xfe, 0x4a, 0x00, 0xe9, 0x00), 'Jé'],
    ['UTF-16BE with its mark', bytes(0xfe, 0xff, 0x00, 0x4a, 0x00, 0xe9), 'Jé'],
    ['invalid UTF-8 read as windows-1252', bytes(0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x93, 0x78, 0x94), 'José “x”'],
  ])('%s', (_label, input, text) => {
    expect(decodeText(input)).toBe(text);
  });
});
