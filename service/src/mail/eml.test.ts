import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseEml } from './eml.js';

const SAMPLES = resolve(__dirname, '../../samples');
const sample = (name: string) => readFile(join(SAMPLES, name));
const base64 = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding).toString('base64');

/** A multipart/mixed message with the given parts (each: headers, blank line, content). */
function multipart(parts: readonly string[], headers = 'Subject: test\r\n'): string {
  const body = parts.map((part) => `--XYZ\r\n${part}\r\n`).join('');
  return `${headers}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n${body}--XYZ--\r\n`;
}

describe('parseEml', () => {
  it('decodes a quoted-printable body and an encoded-word subject', async () => {
    const { draft } = await parseEml(await sample('lab-results-qp.eml'));
    expect(draft.subject).toBe('Lab results for Renée Falkenrath');
    expect(draft.body).toContain('Renée Falkenrath (MRN LC-0091377, SSN 531-72-0846) had her fasting lipid panel');
    expect(draft.body).toContain('The LDL/HDL ratio = 3.9');
    expect(draft.body).toContain('— Lakeside Lab Services');
    expect(draft.body).not.toMatch(/=\r?\n|=C3|=3D/);
  });

  it('converts an HTML-only body to text, without tags, styles or entities', async () => {
    const { draft } = await parseEml(await sample('html-only.eml'));
    // &nbsp; decodes to U+00A0, a word separator like a space.
    expect(draft.body).toContain('Discharge summary for Marguerite Oyelaran-Fisk (MRN\u00a0LC-0077120)');
    expect(draft.body).toContain('community-acquired pneumonia');
    expect(draft.body).toContain('7\u00a0days & repeat chest X-ray');
    expect(draft.body).not.toMatch(/<|&amp;|&nbsp;|color:/);
  });

  it('reads subject, text body, recipients and attachments of a referral', async () => {
    const { draft, recipients } = await parseEml(await sample('referral.eml'));
    expect(draft.subject).toBe('Referral: Tobias Quenneville, DOB 03/14/1961');
    expect(draft.body).toContain('Patient: Tobias Quenneville\nDOB: 03/14/1961');
    expect(draft.attachments).toEqual([
      { name: 'labs.csv', contentType: 'text/csv', text: expect.stringMatching(/^patient,mrn,test.*\r\nTobias Quenneville,LC-0048213,INR/s) },
      { name: 'echo-report.pdf', contentType: 'application/pdf' },
    ]);
    expect(recipients).toEqual(['intake@northfield-cardiology.example', 'records@lakeside-clinic.example']);
  });

  it('decodes a base64 text body', async () => {
    const eml = `Subject: b64\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64('Café note\nline two')}\r\n`;
    expect((await parseEml(eml)).draft.body).toBe('Café note\nline two');
  });

  it('prefers the text part of multipart/alternative over the HTML part', async () => {
    const eml = [
      'Subject: alt',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="ALT"',
      '',
      '--ALT',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'plain version',
      '--ALT',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html version</p>',
      '--ALT--',
      '',
    ].join('\r\n');
    const { draft } = await parseEml(eml);
    expect(draft.body).toMatch(/^plain version\s*$/);
  });

  it.each([
    [
      'text/* in its declared charset',
      'Content-Type: text/plain; charset=iso-8859-1; name="note.txt"\r\nContent-Disposition: attachment; filename="note.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        base64('Renée, café', 'latin1'),
      { name: 'note.txt', contentType: 'text/plain', text: 'Renée, café' },
    ],
    [
      '.csv sent as application/octet-stream',
      'Content-Type: application/octet-stream; name="list.csv"\r\nContent-Disposition: attachment; filename="list.csv"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        base64('a,b\r\n1,2'),
      { name: 'list.csv', contentType: 'text/csv', text: 'a,b\r\n1,2' },
    ],
    [
      '.md whatever its content type',
      'Content-Type: application/x-unknown; name="Plan.MD"\r\nContent-Disposition: attachment; filename="Plan.MD"\r\n\r\n# plan',
      { name: 'Plan.MD', contentType: 'application/x-unknown', text: '# plan' },
    ],
    [
      'a UTF-16 text file with a byte order mark',
      'Content-Type: text/plain; name="w.txt"\r\nContent-Disposition: attachment; filename="w.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le')]).toString('base64'),
      { name: 'w.txt', contentType: 'text/plain', text: 'héllo' },
    ],
  ])('decodes a text-like attachment: %s', async (_label, part, expected) => {
    const { draft } = await parseEml(multipart(['Content-Type: text/plain\r\n\r\nbody', part]));
    expect(draft.attachments).toEqual([expected]);
  });

  it.each([
    ['an image', 'Content-Type: image/png; name="scan.png"\r\nContent-Disposition: attachment; filename="scan.png"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=', { name: 'scan.png', contentType: 'image/png' }],
    ['an unnamed binary part', 'Content-Type: application/zip\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBA==', { name: 'attachment-1', contentType: 'application/zip' }],
  ])('keeps a binary attachment by name and type, without text: %s', async (_label, part, expected) => {
    const { draft } = await parseEml(multipart(['Content-Type: text/plain\r\n\r\nbody', part]));
    expect(draft.attachments).toEqual([expected]);
  });

  it('collects To, Cc and Bcc recipients, group members included', async () => {
    const headers = 'To: A <a@example.org>, Team: b@example.org, c@example.org;\r\nCc: d@example.org\r\nBcc: e@example.org\r\nSubject: r\r\n';
    const { recipients } = await parseEml(`${headers}\r\nhi\r\n`);
    expect(recipients).toEqual(['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'e@example.org']);
  });

  it.each([
    ['plain text saved as .eml', 'Jane Roe SSN 531-72-0846\nno headers\n'],
    ['an empty file', ''],
    ['binary bytes', Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 10])],
    ['a header block with a non-header line', 'Subject: x\r\nnot a header\r\n\r\nbody'],
  ])('rejects what is not an email message: %s', async (_label, source) => {
    await expect(parseEml(source)).rejects.toMatchObject({ name: 'DraftReadError', code: 'eml_not_a_message' });
  });
});
