import { describe, expect, it } from '@jest/globals';
import { decodeText } from './decode-text.js';

const bytes = (...parts: Array<number[] | Buffer>) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe('decodeText', () => {
  it.each([
    ['UTF-8 by default', bytes(Buffer.from('Renée')), undefined, 'Renée'],
    ['the declared charset', bytes(Buffer.from('Renée', 'latin1')), 'iso-8859-1', 'Renée'],
    ['a UTF-8 byte order mark, dropped', bytes([0xef, 0xbb, 0xbf], Buffer.from('hi')), undefined, 'hi'],
    ['a UTF-16LE byte order mark over a wrong declared charset', bytes([0xff, 0xfe], Buffer.from('hé', 'utf16le')), 'us-ascii', 'hé'],
    ['a UTF-16BE byte order mark', bytes([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]), undefined, 'hé'],
    ['UTF-8 when the declared charset is unknown', bytes(Buffer.from('café')), 'x-no-such-charset', 'café'],
    ['U+FFFD for invalid bytes, instead of failing', bytes([0x61, 0xff, 0x62]), 'utf-8', 'a\ufffdb'],
  ])('decodes %s', (_label, input, charset, expected) => {
    expect(decodeText(input, charset)).toBe(expected);
  });
});
