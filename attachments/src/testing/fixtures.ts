// Attachments written by the tests themselves from synthetic text, so the PHI in each is known by
// construction and no real person's data is ever needed. Hostile files are built the same way.
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner.js';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader.js';
import { crc32 } from 'node:zlib';
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import {
  concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, setFillingGrayscaleColor, StandardFonts,
} from 'pdf-lib';
import writeXlsxFile from 'write-excel-file/universal';
import { encodePng } from '../lib/png.js';

/** A synthetic patient: a name and an SSN with a diagnosis, which the core's scan calls PHI. */
export const PHI_TEXT = 'Patient Maria Gonzalez, SSN 531-72-0846, has type 2 diabetes.';
/** Office chatter with no identifier and no health information. */
export const CLEAN_TEXT = 'The quarterly staff meeting moves to Thursday at 3 pm in room 4.';

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A PDF with one page per string (lines split on newlines), each in a text layer. */
export async function pdfWith(pages: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([612, 792]);
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 72, y: 720 - i * 16, size: 11, font }));
  }
  return doc.save();
}

/** Pages as a scanner makes them: `image` pages carry only a picture, `drawing` pages only a ruled box, `blank` pages nothing. */
export async function pdfWithoutText(pages: ReadonlyArray<'image' | 'drawing' | 'blank'>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const png = await doc.embedPng(pngImage(64, 32));
  for (const kind of pages) {
    const page = doc.addPage([612, 792]);
    if (kind === 'image') page.drawImage(png, { x: 72, y: 600, width: 256, height: 128 });
    if (kind === 'drawing') page.drawRectangle({ x: 72, y: 600, width: 256, height: 128, borderWidth: 1 });
  }
  return doc.save();
}

/** A 1-bit image in packed rows (each row padded to a byte, most significant bit first), 0 painted and 1 not. */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly bits: Uint8Array;
}

/** Where a mask is painted on the page: x, y, width, height in points. */
export type Placement = readonly [number, number, number, number];

/**
 * A page as fax and 1-bit scanning software writes one: the scan is a stencil mask (/ImageMask,
 * PDF 1.7 8.9.6.2) painted in black, with no text layer, across the page's width unless `placements`
 * paints it elsewhere, once per placement. With `invert` the bits are stored the other way round and
 * /Decode [1 0] says so.
 */
export async function pdfWithImageMask(mask: Bitmap, options: { invert?: boolean; placements?: readonly Placement[] } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const bits = options.invert ? mask.bits.map((byte) => byte ^ 0xff) : mask.bits;
  const image = doc.context.flateStream(bits, {
    Type: 'XObject', Subtype: 'Image', ImageMask: true, Width: mask.width, Height: mask.height, ...(options.invert ? { Decode: [1, 0] } : {}),
  });
  const name = page.node.newXObject('Scan', doc.context.register(image));
  const height = (612 * mask.height) / mask.width;
  page.pushOperators(setFillingGrayscaleColor(0));
  for (const [x, y, w, h] of options.placements ?? [[0, 792 - height, 612, height]]) {
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, x, y), drawObject(name), popGraphicsState());
  }
  return doc.save();
}

/**
 * A PDF that needs a password to open: a Standard security handler (PDF 1.7, 7.6.3) whose /U entry
 * matches no empty password, written by hand because pdf-lib cannot encrypt.
 */
export function encryptedPdf(): Uint8Array {
  const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) & 0xff).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${hex(1)}> /U <${hex(2)}> >>`,
  ];
  return pdfFile(objects, `/Encrypt 4 0 R /ID [<${hex(3).slice(0, 32)}> <${hex(3).slice(0, 32)}>]`);
}

/** Plain PDF syntax with a correct cross-reference table, for files pdf-lib will not write. */
function pdfFile(objects: readonly string[], trailerExtra: string): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return utf8(body);
}

const WORDML = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * A Word document as Word lays it out, reduced to the parts mammoth needs; one paragraph per
 * string. `extraParts` adds files to the package (media, headers from `wordPart`, or a hostile one);
 * a `word/` part gets its relationship from the document, as Word writes one.
 */
export function docxWith(paragraphs: readonly string[], extraParts: Readonly<Record<string, string | Uint8Array>> = {}): Uint8Array {
  const related = Object.keys(extraParts).flatMap((name, i) => {
    const type = /^word\/(header|footer|footnotes|endnotes|comments)\d*\.xml$/.exec(name)?.[1];
    return type ? [`<Relationship Id="rId${i + 10}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${name.slice(5)}"/>`] : [];
  });
  return zipWith({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${related.join('')}</Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document ${WORDML}><w:body>${wordParagraphs(paragraphs)}</w:body></w:document>`,
    ...extraParts,
  });
}

/** Root element and, for notes and comments, the element holding each one (ECMA-376 Part 1, 17.10–17.13). */
const WORD_PARTS = {
  header: ['hdr'],
  footer: ['ftr'],
  footnotes: ['footnotes', 'footnote'],
  endnotes: ['endnotes', 'endnote'],
  comments: ['comments', 'comment'],
} as const;

/** A header or footer with one paragraph per string, or notes or comments with one per string. */
export function wordPart(kind: keyof typeof WORD_PARTS, texts: readonly string[]): string {
  const [root, item] = WORD_PARTS[kind];
  const body = item === undefined ? wordParagraphs(texts) : texts.map((t, i) => `<w:${item} w:id="${i + 1}">${wordParagraphs([t])}</w:${item}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><w:${root} ${WORDML}>${body}</w:${root}>`;
}

function wordParagraphs(paragraphs: readonly string[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`).join('');
}

export type SheetRows = ReadonlyArray<ReadonlyArray<string | number | Date | null>>;

/** A workbook with the given sheets, written by write-excel-file; dates are formatted as Excel stores them. */
export async function xlsxWith(sheets: ReadonlyArray<{ name: string; rows: SheetRows }>): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    sheets.map(({ name, rows }) => ({
      sheet: name,
      data: rows.map((row) => row.map((value) => (value instanceof Date ? { value, format: 'mm/dd/yyyy' } : value))),
    })),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** A ZIP of the given files (text is written as UTF-8), deflated at `level`. */
export function zipWith(files: Readonly<Record<string, string | Uint8Array>>, level: 0 | 6 | 9 = 6): Uint8Array {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries, { level });
}

export type Zip64Field = 'size' | 'compressedSize' | 'offset';

/**
 * A ZIP written in ZIP64 form (APPNOTE 4.3.14–4.3.15, 4.5.3), as `zip -fz` writes small files: in
 * each central header the chosen fields are all ones and their values follow in a ZIP64 extra field
 * (after a timestamp field, as Info-ZIP puts one first); the end record's fields are all ones, its
 * values in a ZIP64 end record found through the locator before it. `declaredSize` states every
 * entry's size, as a bomb lies about it.
 */
export function zip64With(
  files: Readonly<Record<string, string | Uint8Array>>,
  options: { fields?: readonly Zip64Field[]; declaredSize?: number } = {},
): Uint8Array {
  const fields = new Set(options.fields ?? ['size', 'compressedSize', 'offset']);
  const out = new LittleEndian();
  const central = new LittleEndian();
  const timestamp = (w: LittleEndian) => w.u16(0x5455).u16(5).u8(1).u32(0);
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? strToU8(content) : content;
    const packed = deflateSync(data);
    const size = options.declaredSize ?? data.length;
    const nameBytes = strToU8(name);
    const values = { size, compressedSize: packed.length, offset: out.length };
    const inExtra = (['size', 'compressedSize', 'offset'] as const).filter((f) => fields.has(f));
    const stated = (field: Zip64Field) => (fields.has(field) ? 0xffffffff : values[field]);
    // version 4.5, UTF-8 names, deflated, 1980-01-01, CRC
    const common = (w: LittleEndian) => w.u16(45).u16(0x0800).u16(8).u16(0).u16(0x21).u32(crc32(data));
    // A local header's ZIP64 field holds both sizes, always (4.5.3).
    common(out.u32(0x04034b50)).u32(0xffffffff).u32(0xffffffff).u16(nameBytes.length).u16(9 + 20).bytes(nameBytes);
    timestamp(out).u16(ZIP64_EXTRA).u16(16).u64(size).u64(packed.length).bytes(packed);
    common(central.u32(0x02014b50).u16(0x031e)).u32(stated('compressedSize')).u32(stated('size')).u16(nameBytes.length);
    central.u16(9 + (inExtra.length > 0 ? 4 + 8 * inExtra.length : 0)).u16(0).u16(0).u16(0).u32(0).u32(stated('offset')).bytes(nameBytes);
    timestamp(central);
    if (inExtra.length > 0) central.u16(ZIP64_EXTRA).u16(8 * inExtra.length);
    for (const field of inExtra) central.u64(values[field]);
  }
  const count = Object.keys(files).length;
  const directory = out.length;
  out.bytes(central.done());
  const record = out.length;
  out.u32(0x06064b50).u64(44).u16(0x031e).u16(45).u32(0).u32(0).u64(count).u64(count).u64(record - directory).u64(directory);
  out.u32(0x07064b50).u32(0).u64(record).u32(1);
  out.u32(0x06054b50).u16(0).u16(0).u16(0xffff).u16(0xffff).u32(0xffffffff).u32(0xffffffff).u16(0);
  return out.done();
}

const ZIP64_EXTRA = 0x0001;

/** Little-endian fields appended in order, as ZIP records are laid out. */
class LittleEndian {
  private readonly out: number[] = [];

  get length(): number {
    return this.out.length;
  }

  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }

  u64(v: number): this {
    return this.u32(v % 2 ** 32).u32(Math.floor(v / 2 ** 32));
  }

  bytes(b: Uint8Array): this {
    for (const x of b) this.out.push(x);
    return this;
  }

  done(): Uint8Array {
    return new Uint8Array(this.out);
  }
}

/**
 * A zip bomb: one entry of `size` zero bytes, deflated to about a thousandth of that. With `lie`
 * the headers declare 1 KB, as bombs do to pass a check of declared sizes.
 */
export function zipBomb(size: number, options: { lie?: boolean } = {}): Uint8Array {
  const zip = zipWith({ 'data.txt': new Uint8Array(size) }, 9);
  return options.lie ? patchEntries(zip, (view, at, central) => view.setUint32(at + (central ? 24 : 22), 1024, true)) : zip;
}

/** The archive with every entry flagged as encrypted (general purpose bit 0), as ZipCrypto and AES entries are. */
export function withEncryptedEntries(zip: Uint8Array): Uint8Array {
  return patchEntries(zip, (view, at, central) => {
    const flags = at + (central ? 8 : 6);
    view.setUint16(flags, view.getUint16(flags, true) | 1, true);
  });
}

/** Edits every local and central header of a copy of `zip`, walking them as APPNOTE.TXT 4.3 lays them out. */
function patchEntries(zip: Uint8Array, edit: (view: DataView, at: number, central: boolean) => void): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const u16 = (at: number) => view.getUint16(at, true);
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const next = at + 30 + u16(at + 26) + u16(at + 28) + view.getUint32(at + 18, true);
    edit(view, at, false);
    at = next;
  }
  while (view.getUint32(at, true) === 0x02014b50) {
    const next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
    edit(view, at, true);
    at = next;
  }
  return copy;
}

export interface MessageAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

export interface MessageFixture {
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly date?: string;
  readonly text?: string;
  readonly html?: string;
  readonly attachments?: readonly MessageAttachment[];
}

/** An RFC 5322 message with a text (or HTML) body and base64 attachments, as a mail client saves it. */
export function emlWith(message: MessageFixture): Uint8Array {
  const boundary = 'phiguard-fixture-boundary';
  const head = [
    `From: ${message.from ?? 'Dr. Lee <lee@cityclinic.example>'}`,
    `To: ${message.to ?? 'Front desk <desk@cityclinic.example>'}`,
    `Subject: ${message.subject ?? 'Forwarded note'}`,
    `Date: ${message.date ?? 'Tue, 04 Mar 2025 09:15:00 +0000'}`,
    'MIME-Version: 1.0',
  ];
  const body = message.html === undefined
    ? ['Content-Type: text/plain; charset=utf-8', '', message.text ?? '']
    : ['Content-Type: text/html; charset=utf-8', '', message.html];
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return utf8([...head, ...body].join('\r\n'));
  const parts = [
    [`--${boundary}`, ...body],
    ...attachments.map((a) => [
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.name}"`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64(a.data).replace(/.{76}/g, '$&\r\n'),
    ]),
  ];
  return utf8([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flat(), `--${boundary}--`, ''].join('\r\n'));
}

function base64(data: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * An Outlook .msg (MS-OXMSG): subject and body as Unicode property streams, the body's RTF (already
 * compressed, see `rtfStream`) as PR_RTF_COMPRESSED, each attachment in its own storage, in a
 * compound file burned by msgreader's own writer.
 */
export function msgWith(message: { subject: string; body?: string; rtf?: Uint8Array; attachments?: ReadonlyArray<{ name: string; data: Uint8Array }> }): Uint8Array {
  const entries: Entry[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, children: [], length: 0 }];
  const add = (parent: number, entry: Entry) => {
    entries[parent]!.children!.push(entries.length);
    entries.push(entry);
    return entries.length - 1;
  };
  const stream = (name: string, data: Uint8Array): Entry => ({ name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length });
  add(0, stream('__substg1.0_0037001F', utf16(message.subject)));
  if (message.body !== undefined) add(0, stream('__substg1.0_1000001F', utf16(message.body)));
  if (message.rtf !== undefined) add(0, stream('__substg1.0_10090102', message.rtf));
  (message.attachments ?? []).forEach((a, i) => {
    const folder = add(0, { name: `__attach_version1.0_#${String(i).padStart(8, '0')}`, type: TypeEnum.DIRECTORY, children: [], length: 0 });
    add(folder, stream('__substg1.0_3707001F', utf16(a.name)));
    add(folder, stream('__substg1.0_37010102', a.data));
  });
  return burn(entries);
}

/**
 * RTF as PR_RTF_COMPRESSED holds it, in the uncompressed form (MS-OXRTFCP 2.1.3.1.1: COMPTYPE "MELA",
 * CRC 0), which readers take as they take LZFu.
 */
export function rtfStream(rtf: string): Uint8Array {
  const raw = utf8(rtf);
  const out = new Uint8Array(16 + raw.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 12 + raw.length, true);
  view.setUint32(4, raw.length, true);
  view.setUint32(8, 0x414c454d, true);
  out.set(raw, 16);
  return out;
}

/** A password-protected Word or Excel file: OOXML encrypted into a compound file (MS-OFFCRYPTO 2.3.4.4). */
export function encryptedOfficeFile(): Uint8Array {
  const stream = (name: string, data: Uint8Array): Entry => ({ name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length });
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, children: [1, 2], length: 0 },
    stream('EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0])),
    stream('EncryptedPackage', new Uint8Array(4096).fill(0x5a)),
  ]);
}

function utf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** A PNG of a grey gradient, `width` × `height` RGB pixels, written by the package's own encoder. */
export function pngImage(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (Math.floor(i / 3) % width) * 4 & 0xff;
  return encodePng({ width, height, kind: 2, data })!;
}

/** Only the PNG signature and header chunk (CRC included): a size stated without the pixels. */
export function pngHeader(width: number, height: number): Uint8Array {
  const header = pngImage(1, 1).slice(0, 33);
  const view = new DataView(header.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(header.subarray(12, 29)));
  return header;
}

/** A baseline JPEG's first segments up to its frame header (ITU T.81 B.2.2), with an APP0 segment before it. */
export function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

export function gifHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([...strToU8('GIF89a'), width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0]);
}

/** A BITMAPINFOHEADER bitmap's headers; a negative height is a top-down bitmap. */
export function bmpHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(54);
  const view = new DataView(b.buffer);
  b.set(strToU8('BM'));
  view.setUint32(2, 54, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  return b;
}

/** A TIFF header and first directory with ImageWidth (SHORT) and ImageLength (LONG) in the given byte order. */
export function tiffHeader(width: number, height: number, littleEndian = true): Uint8Array {
  const b = new Uint8Array(8 + 2 + 2 * 12 + 4);
  const view = new DataView(b.buffer);
  b.set(strToU8(littleEndian ? 'II' : 'MM'));
  view.setUint16(2, 42, littleEndian);
  view.setUint32(4, 8, littleEndian);
  view.setUint16(8, 2, littleEndian);
  const entry = (at: number, tag: number, type: 3 | 4, value: number) => {
    view.setUint16(at, tag, littleEndian);
    view.setUint16(at + 2, type, littleEndian);
    view.setUint32(at + 4, 1, littleEndian);
    if (type === 3) view.setUint16(at + 8, value, littleEndian);
    else view.setUint32(at + 8, value, littleEndian);
  };
  entry(10, 256, 3, width);
  entry(22, 257, 4, height);
  return b;
}

/** An extended-format WebP's RIFF header and VP8X chunk, which states the canvas size. */
export function webpHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(30);
  const view = new DataView(b.buffer);
  b.set(strToU8('RIFF'));
  view.setUint32(4, 22, true);
  b.set(strToU8('WEBPVP8X'), 8);
  view.setUint32(16, 10, true);
  const uint24 = (at: number, value: number) => b.set([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff], at);
  uint24(24, width - 1);
  uint24(27, height - 1);
  return b;
}
