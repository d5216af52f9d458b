import { listZip, looksLikeZip } from './lib/zip-reader.js';

export const FORMATS = [
  'pdf', 'docx', 'xlsx', 'zip', 'eml', 'msg', 'html', 'rtf', 'csv', 'text',
  'png', 'jpeg', 'gif', 'bmp', 'tiff', 'webp', 'heif',
  /** OOXML inside an encrypted compound file: opening it needs the password. */
  'encrypted_office',
  /** Office formats not read: legacy .doc/.xls/.ppt, PowerPoint, OpenDocument. */
  'office_other',
  'unknown',
] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSIONS: Readonly<Record<string, Format>> = {
  pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', zip: 'zip', eml: 'eml', msg: 'msg', html: 'html', htm: 'html',
  rtf: 'rtf', csv: 'csv', txt: 'text', text: 'text', log: 'text', md: 'text',
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', bmp: 'bmp', tif: 'tiff', tiff: 'tiff', webp: 'webp',
  heic: 'heif', heif: 'heif', avif: 'heif', doc: 'office_other', xls: 'office_other', ppt: 'office_other', pptx: 'office_other',
};

const CONTENT_TYPES: Readonly<Record<string, Format>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/zip': 'zip', 'application/x-zip-compressed': 'zip',
  'message/rfc822': 'eml', 'application/vnd.ms-outlook': 'msg',
  'text/html': 'html', 'text/rtf': 'rtf', 'application/rtf': 'rtf', 'text/csv': 'csv', 'text/plain': 'text',
  'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/bmp': 'bmp', 'image/tiff': 'tiff',
  'image/webp': 'webp', 'image/heic': 'heif', 'image/heif': 'heif', 'image/avif': 'heif',
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);
/** Header fields that open a message file (RFC 5322 3.6); two of them, one being From, make it mail. */
const MESSAGE_FIELD = /^(?:from|date|subject|to|message-id|mime-version|received|return-path):/gim;

/**
 * What a file is, from its content first (a mislabelled PDF is still read as a PDF), then its name,
 * then its declared content type; text that says nothing else is read as text.
 */
export function detectFormat(bytes: Uint8Array, name: string, contentType?: string): Format {
  const sniffed = sniff(bytes);
  if (sniffed) return sniffed;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const declared = (extension && EXTENSIONS[extension]) ?? CONTENT_TYPES[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
  if (declared) return declared;
  const head = latin1(bytes.subarray(0, 4096));
  if (looksLikeMessage(head)) return 'eml';
  if (/^\s*<(?:!doctype html|html)\b/i.test(head)) return 'html';
  return bytes.subarray(0, 8192).includes(0) ? 'unknown' : 'text';
}

function sniff(b: Uint8Array): Format | undefined {
  if (latin1(b.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (looksLikeZip(b)) return zipFormat(b);
  if (startsWith(b, CFB_MAGIC)) {
    // Directory entry names are UTF-16LE: a message has `__substg1.0_` property streams (MS-OXMSG 2.1),
    // an encrypted OOXML file keeps its package in one stream (MS-OFFCRYPTO 2.3.4.4). Message first:
    // one may carry an encrypted document as an attachment.
    if (includesUtf16(b, '__substg1.0_')) return 'msg';
    return includesUtf16(b, 'EncryptedPackage') ? 'encrypted_office' : 'office_other';
  }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  const head = latin1(b.subarray(0, 16));
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.slice(4, 8) === 'ftyp' && HEIF_BRANDS.has(head.slice(8, 12))) return 'heif';
  // "BM" alone is too short a signature: the DIB header that follows has one of a few sizes.
  if (head.startsWith('BM') && b.length > 18 && [12, 40, 52, 56, 64, 108, 124].includes(b[14]! | (b[15]! << 8))) return 'bmp';
  if (head.startsWith('{\\rtf')) return 'rtf';
  return undefined;
}

function zipFormat(b: Uint8Array): Format {
  let names: Set<string>;
  try {
    names = new Set(listZip(b).map((e) => e.name));
  } catch {
    return 'zip'; // the ZIP reader reports what is wrong with it
  }
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  return names.has('[Content_Types].xml') || names.has('mimetype') ? 'office_other' : 'zip';
}

function looksLikeMessage(head: string): boolean {
  const block = head.split(/\r?\n\r?\n/, 1)[0]!;
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(block)) return false;
  const fields = new Set(Array.from(block.matchAll(MESSAGE_FIELD), (m) => m[0].toLowerCase()));
  return fields.has('from:') && fields.size >= 2;
}

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((byte, i) => b[i] === byte);
}

function includesUtf16(b: Uint8Array, text: string): boolean {
  const pattern = Array.from(text, (c) => c.charCodeAt(0));
  const last = b.length - pattern.length * 2;
  outer: for (let at = 0; at <= last; at++) {
    for (let i = 0; i < pattern.length; i++) {
      if (b[at + 2 * i] !== pattern[i] || b[at + 2 * i + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

const latin1Decoder = new TextDecoder('latin1');

function latin1(b: Uint8Array): string {
  return latin1Decoder.decode(b);
}
