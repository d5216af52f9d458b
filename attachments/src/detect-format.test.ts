import { describe, expect, it } from '@jest/globals';
import { detectFormat, type Format } from './detect-format.js';
import {
  bmpHeader, docxWith, emlWith, encryptedOfficeFile, gifHeader, jpegHeader, msgWith, pdfWith, pngHeader, tiffHeader, utf8,
  webpHeader, xlsxWith, zipWith,
} from './testing/fixtures.js';

const heif = new Uint8Array([0, 0, 0, 24, ...utf8('ftypheic'), 0, 0, 0, 0, ...utf8('mif1heic')]);

describe('what a file is, from its bytes first', () => {
  it.each<[string, () => Uint8Array | Promise<Uint8Array>, Format]>([
    ['a PDF', () => pdfWith(['x']), 'pdf'],
    ['a Word document (a ZIP with word/document.xml)', () => docxWith(['x']), 'docx'],
    ['a workbook (a ZIP with xl/workbook.xml)', () => xlsxWith([{ name: 'S', rows: [['x']] }]), 'xlsx'],
    ['any other ZIP', () => zipWith({ 'a.txt': 'x' }), 'zip'],
    ['a PowerPoint or OpenDocument file (OOXML or ODF, not read)', () => zipWith({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }), 'office_other'],
    ['an Outlook message (compound file with property streams)', () => msgWith({ subject: 's', body: 'b' }), 'msg'],
    ['a password-protected Office file (compound file with EncryptedPackage)', () => encryptedOfficeFile(), 'encrypted_office'],
    ['a PNG', () => pngHeader(10, 10), 'png'],
    ['a JPEG', () => jpegHeader(10, 10), 'jpeg'],
    ['a GIF', () => gifHeader(10, 10), 'gif'],
    ['a BMP', () => bmpHeader(10, 10), 'bmp'],
    ['a TIFF', () => tiffHeader(10, 10), 'tiff'],
    ['a WebP', () => webpHeader(10, 10), 'webp'],
    ['a HEIC photo', () => heif, 'heif'],
    ['RTF', () => utf8('{\\rtf1\\ansi hello}'), 'rtf'],
  ])('%s', async (_label, make, format) => {
    expect(detectFormat(await make(), 'attachment.bin')).toBe(format);
  });

  it('reads the content, not the label: a PDF named .txt is a PDF', async () => {
    expect(detectFormat(await pdfWith(['x']), 'notes.txt', 'text/plain')).toBe('pdf');
  });
});

describe('what a file is, from its name or content type when the bytes say nothing', () => {
  it.each<[string, string, string | undefined, Format]>([
    ['a .csv', 'visits.csv', undefined, 'csv'],
    ['an .html', 'letter.HTML', undefined, 'html'],
    ['a .eml', 'fwd.eml', undefined, 'eml'],
    ['a text/csv content type', 'export', 'text/csv; charset=utf-8', 'csv'],
    ['message/rfc822', 'forwarded', 'message/rfc822', 'eml'],
    ['the name before the content type', 'visits.csv', 'text/plain', 'csv'],
  ])('%s', (_label, name, contentType, format) => {
    expect(detectFormat(utf8('a,b\n1,2'), name, contentType)).toBe(format);
  });

  it('recognises a saved message by its header block', () => {
    expect(detectFormat(emlWith({ text: 'hi' }), 'noname')).toBe('eml');
  });

  it('recognises an HTML page by its opening', () => {
    expect(detectFormat(utf8('  <!DOCTYPE html><html><body>x</body></html>'), 'noname')).toBe('html');
  });

  it('reads unlabelled text as text', () => {
    expect(detectFormat(utf8('Lab results attached.\nFrom the front desk: see you soon'), 'noname')).toBe('text');
  });

  it('calls unlabelled binary unknown', () => {
    expect(detectFormat(new Uint8Array([0x13, 0x00, 0x37, 0xfe, 0x00, 0x01]), 'blob')).toBe('unknown');
  });

  it('takes "BM" for a bitmap only with a bitmap header after it', () => {
    expect(detectFormat(utf8('BMW service reminder for the clinic van'), 'note')).toBe('text');
  });
});
