import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, docxWith, encryptedOfficeFile, PHI_TEXT, zipWith } from '../testing/fixtures.js';
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
