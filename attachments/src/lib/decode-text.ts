const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** windows-1252's 0x80–0x9F (WHATWG Encoding index); undefined bytes keep their Latin-1 control character. */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/** Text from bytes of unknown encoding: a byte-order mark decides, then UTF-8 if it is valid, else windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * windows-1252, the usual encoding of older Windows text, written out: Node 20's TextDecoder
 * accepts the label but decodes 0x80–0x9F as Latin-1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    const chunk = bytes.subarray(i, i + 0x8000);
    chars.push(String.fromCharCode(...chunk));
  }
  return chars.join('').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
