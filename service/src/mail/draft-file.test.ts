import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTextDraft, readDraftFile } from './draft-file.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'phi-guard-draft-'));
}

describe('parseTextDraft', () => {
  it.each([
    ['a first "Subject:" line is the subject, the blank line after it is dropped', 'Subject: Lab follow-up\n\nBody text\n', 'Lab follow-up', 'Body text\n'],
    ['the header name is case-insensitive and CRLF is understood', 'SUBJECT:  Re: results  \r\nBody\r\n', 'Re: results', 'Body\r\n'],
    ['a subject line alone leaves an empty body', 'Subject: only', 'only', ''],
    ['without a "Subject:" first line, the whole file is the body', 'Hello\nSubject: not first\n', '', 'Hello\nSubject: not first\n'],
    ['a "Subject" word without a colon is body text', 'Subject line missing colon\n', '', 'Subject line missing colon\n'],
  ])('%s', (_label, text, subject, body) => {
    expect(parseTextDraft(text)).toEqual({ subject, body, attachments: [] });
  });
});

describe('readDraftFile', () => {
  it('decodes a .txt file as UTF-8 without its byte order mark', async () => {
    const path = join(await tempDir(), 'note.TXT');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Subject: Café\n\nRenée')]));
    expect(await readDraftFile(path)).toEqual({ draft: { subject: 'Café', body: 'Renée', attachments: [] }, recipients: [] });
  });

  it('decodes a UTF-16 .txt file saved with a byte order mark', async () => {
    const path = join(await tempDir(), 'wide.txt');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Subject: Hi\r\n\r\nHé', 'utf16le')]));
    expect((await readDraftFile(path)).draft).toEqual({ subject: 'Hi', body: 'Hé', attachments: [] });
  });

  it.each<[string, string, (path: string) => Promise<unknown>, string]>([
    ['a missing file', 'missing.eml', async () => undefined, 'file_not_found'],
    ['a directory with a draft name', 'folder.txt', (path) => mkdir(path), 'not_a_file'],
    ['another file type', 'scan.pdf', (path) => writeFile(path, '%PDF-1.4'), 'file_type_unsupported'],
  ])('rejects %s with a coded error', async (_label, name, create, code) => {
    const path = join(await tempDir(), name);
    await create(path);
    await expect(readDraftFile(path)).rejects.toMatchObject({ name: 'DraftReadError', code });
  });
});
