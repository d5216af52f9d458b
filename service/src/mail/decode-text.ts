import { TextDecoder } from 'node:util';

/** A byte order mark overrides any declared charset (WHATWG Encoding, "decode" algorithm). */
const BOMS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * Decodes text bytes: BOM first, then the declared charset, then UTF-8. Invalid bytes become
 * U+FFFD rather than failing, so a mislabelled file is still scanned.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const sniffed = BOMS.find(([bom]) => bom.every((byte, i) => bytes[i] === byte))?.[1];
  return decoderFor(sniffed ?? charset).decode(bytes);
}

function decoderFor(label: string | undefined): TextDecoder {
  if (label !== undefined) {
    try {
      return new TextDecoder(label);
    } catch {
      // An unknown label throws RangeError; UTF-8 is the safest guess.
    }
  }
  return new TextDecoder('utf-8');
}
