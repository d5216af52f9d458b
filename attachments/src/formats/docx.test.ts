import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, docxWith, encryptedOfficeFile, PHI_TEXT, wordPart, zipWith } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

describe('Word attachments', () => {
  it('give their paragraphs as one part, PHI found under the file’s name', async () => {
    const { parts, uninspectable } = await extractText({ name: 'letter.docx', data: docxWith(['Dear colleague,', PHI_TEXT]) });
    expect(uninspectable).toEqual([]);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.name).toBe('letter.docx');
    expect(parts[0]!.text).toContain(`Dear colleague,\n\n${PHI_TEXT}`);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('add the text mammoth leaves out: headers before the body; footnotes, endnotes, comments and footers after it', async () => {
    const data = docxWith(['Dear colleague,', 'Please see the patient named above.'], {
      'word/header1.xml': wordPart('header', ['City Clinic referral', PHI_TEXT]),
      'word/footer1.xml': wordPart('footer', ['Page 1 of 1']),
      'word/footnotes.xml': wordPart('footnotes', ['Seen on 03/14.']),
      'word/endnotes.xml': wordPart('endnotes', ['Labs attached.']),
      'word/comments.xml': wordPart('comments', ['Check the MRN.']),
    });
    const { parts, uninspectable } = await extractText({ name: 'referral.docx', data });
    expect(uninspectable).toEqual([]);
    expect(parts.map((p) => p.text)).toEqual([
      `City Clinic referral\n${PHI_TEXT}\n\nDear colleague,\n\nPlease see the patient named above.\n\nSeen on 03/14.\n\nLabs attached.\n\nCheck the MRN.\n\nPage 1 of 1`,
    ]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it('find PHI that is only in the footer', async () => {
    const { parts } = await extractText({ name: 'letter.docx', data: docxWith([CLEAN_TEXT], { 'word/footer2.xml': wordPart('footer', [PHI_TEXT]) }) });
    expect(parts.map(scansAsPhi)).toEqual([true]);
  });

  it('count a header once against maxDecompressedBytes, though it is read beside mammoth', async () => {
    const header = wordPart('header', [PHI_TEXT, 'x'.repeat(600_000)]);
    const { parts, uninspectable } = await extractText({ name: 'long.docx', data: docxWith([CLEAN_TEXT], { 'word/header1.xml': header }) }, { limits: { maxDecompressedBytes: 1_000_000 } });
    expect(uninspectable).toEqual([]);
    expect(parts.map(scansAsPhi)).toEqual([true]);
  });

  it('stay clean when nothing in them is PHI', async () => {
    const { parts, uninspectable } = await extractText({ name: 'memo.docx', data: docxWith([CLEAN_TEXT]) });
    expect(uninspectable).toEqual([]);
    expect(parts.map(scansAsPhi)).toEqual([false]);
  });

  it('that need a password are reported as encrypted', async () => {
    expect(await extractText({ name: 'locked.docx', data: encryptedOfficeFile() })).toEqual({ parts: [], uninspectable: [{ name: 'locked.docx', reason: 'encrypted' }] });
  });

  it('that expand past maxDecompressedBytes are refused before mammoth opens them', async () => {
    const data = docxWith([PHI_TEXT], { 'word/media/padding.bin': new Uint8Array(3_000_000) });
    const started = Date.now();
    const result = await extractText({ name: 'bomb.docx', data }, { limits: { maxDecompressedBytes: 1_000_000 } });
    expect(result).toEqual({ parts: [], uninspectable: [{ name: 'bomb.docx', reason: 'decompression_limit' }] });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('whose document part is not XML are reported as malformed', async () => {
    const data = zipWith({ '[Content_Types].xml': '<Types/>', 'word/document.xml': `<w:document>${PHI_TEXT}` });
    expect(await extractText({ name: 'broken.docx', data })).toEqual({ parts: [], uninspectable: [{ name: 'broken.docx', reason: 'malformed' }] });
  });
});
