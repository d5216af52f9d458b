import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, docxWith, encryptedOfficeFile, msgWith, PHI_TEXT, rtfStream, utf8 } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

describe('Outlook messages (.msg)', () => {
  it('give subject and body as one part, then each attachment as message/file', async () => {
    const data = msgWith({ subject: 'Referral', body: 'Letter attached.', attachments: [{ name: 'letter.docx', data: docxWith([PHI_TEXT]) }] });
    const { parts, uninspectable } = await extractText({ name: 'referral.msg', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.name)).toEqual(['referral.msg', 'referral.msg/letter.docx']);
    expect(parts[0]!.text).toBe('Subject: Referral\n\nLetter attached.');
    expect(parts.map(scansAsPhi)).toEqual([false, true]);
  });

  it('find PHI in the body', async () => {
    const { parts } = await extractText({ name: 'note.msg', data: msgWith({ subject: 'Update', body: PHI_TEXT }) });
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('stay clean when nothing in them is PHI', async () => {
    const data = msgWith({ subject: 'Rota', body: CLEAN_TEXT, attachments: [{ name: 'rota.txt', data: utf8(CLEAN_TEXT) }] });
    const { parts, uninspectable } = await extractText({ name: 'rota.msg', data });
    expect(uninspectable).toEqual([]);
    expect(parts).toHaveLength(2);
    expect(parts.some(scansAsPhi)).toBe(false);
  });

  it('carrying a password-protected document are read, the document reported as encrypted', async () => {
    const data = msgWith({ subject: 'Records', body: 'Password to follow.', attachments: [{ name: 'records.docx', data: encryptedOfficeFile() }] });
    const { parts, uninspectable } = await extractText({ name: 'records.msg', data });
    expect(parts.map((p) => p.name)).toEqual(['records.msg']);
    expect(uninspectable).toEqual([{ name: 'records.msg/records.docx', reason: 'encrypted' }]);
  });

  it('that are cut short are reported as malformed', async () => {
    const data = msgWith({ subject: 'Referral', body: PHI_TEXT }).subarray(0, 1200);
    expect(await extractText({ name: 'cut.msg', data })).toEqual({ parts: [], uninspectable: [{ name: 'cut.msg', reason: 'malformed' }] });
  });
});

/** MS-OXRTFCP's first example (Simple Compressed RTF): `{\rtf1\ansi\ansicpg1252\pard hello world}` and CRLF, LZFu-compressed. */
const SPEC_LZFU = Uint8Array.from(
  '2d00 0000 2b00 0000 4c5a 4675 f1c5 c7a7 0300 0a00 7263 7067 3132 3542 320a f320 6865 6c09 0020 6277 05b0 6c64 7d0a 800f a0'.replace(/ /g, '').match(/../g)!,
  (byte) => parseInt(byte, 16),
);

describe('Outlook messages whose body is stored only as compressed RTF (PR_RTF_COMPRESSED)', () => {
  it('give the RTF’s text as the body, PHI found in it', async () => {
    const data = msgWith({ subject: 'Update', rtf: rtfStream(`{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}\\f0 Hello,\\par ${PHI_TEXT}\\par}`) });
    const { parts, uninspectable } = await extractText({ name: 'note.msg', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.text)).toEqual([`Subject: Update\n\nHello,\n${PHI_TEXT}`]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('give the text of HTML the RTF encapsulates (\\fromhtml1), not its tags or styles', async () => {
    const rtf = '{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag1 <head><style>p\\{color:red\\}</style></head>}{\\*\\htmltag2 <p>}Maria Gonzalez{\\*\\htmltag3 <br>}\\htmlrtf \\line\\htmlrtf0 SSN 531-72-0846{\\*\\htmltag4 </p>}}';
    const { parts } = await extractText({ name: 'note.msg', data: msgWith({ subject: 'Update', rtf: rtfStream(rtf) }) });
    expect(parts.map((p) => p.text)).toEqual(['Subject: Update\n\nMaria Gonzalez\nSSN 531-72-0846']);
  });

  it('decompress LZFu as the specification’s example shows it', async () => {
    const { parts } = await extractText({ name: 'hello.msg', data: msgWith({ subject: 'Hi', rtf: SPEC_LZFU }) });
    expect(parts.map((p) => p.text)).toEqual(['Subject: Hi\n\nhello world']);
  });

  it('prefer the plain-text body when there is one', async () => {
    const data = msgWith({ subject: 'Update', body: CLEAN_TEXT, rtf: rtfStream(`{\\rtf1 ${CLEAN_TEXT}}`) });
    const { parts } = await extractText({ name: 'note.msg', data });
    expect(parts.map((p) => p.text)).toEqual([`Subject: Update\n\n${CLEAN_TEXT}`]);
  });

  it('that could expand past maxDecompressedBytes are refused before decompressing', async () => {
    const data = msgWith({ subject: 'Update', rtf: rtfStream(`{\\rtf1 ${PHI_TEXT}${' '.repeat(200_000)}}`) });
    expect(await extractText({ name: 'big.msg', data }, { limits: { maxDecompressedBytes: 1_000_000 } })).toEqual({ parts: [], uninspectable: [{ name: 'big.msg', reason: 'decompression_limit' }] });
  });

  it.each([
    ['states more compressed bytes than it holds', (s: Uint8Array) => new DataView(s.buffer).setUint32(0, 2 ** 31, true)],
    ['has an unknown compression type', (s: Uint8Array) => new DataView(s.buffer).setUint32(8, 0x12345678, true)],
  ])('whose RTF %s are reported as malformed', async (_label, damage) => {
    const rtf = SPEC_LZFU.slice();
    damage(rtf);
    expect(await extractText({ name: 'bad.msg', data: msgWith({ subject: 'Hi', rtf }) })).toEqual({ parts: [], uninspectable: [{ name: 'bad.msg', reason: 'malformed' }] });
  });
});

