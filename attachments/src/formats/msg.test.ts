import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, docxWith, encryptedOfficeFile, msgWith, PHI_TEXT, utf8 } from '../testing/fixtures.js';
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
