import { describe, expect, it } from '@jest/globals';
import type { Extraction } from '@phiguard/attachments';
import { readAttachment } from './read-attachment.js';

/** An extractor stand-in that answers the same extraction for any file. */
const answering = (extraction: Extraction) => ({ extract: async () => extraction });
const file = { name: 'IMG_0042.png', contentType: 'image/png', data: new Uint8Array([1, 2, 3]) };

describe('readAttachment', () => {
  it('gives one draft attachment per part, then one per file that could not be read', async () => {
    const extractor = answering({
      parts: [{ name: 'scans.zip/a.pdf', contentType: 'application/pdf', page: 2, text: 'Dear colleague' }],
      uninspectable: [{ name: 'scans.zip/b.pdf', reason: 'encrypted' }],
    });
    expect(await readAttachment({ ...file, name: 'scans.zip' }, extractor)).toEqual([
      { name: 'scans.zip/a.pdf', contentType: 'application/pdf', page: 2, text: 'Dear colleague' },
      { name: 'scans.zip/b.pdf', uninspectable: 'encrypted' },
    ]);
  });

  it('keeps a file with no text at all by name and type, so the scan still sees an image attachment', async () => {
    expect(await readAttachment(file, answering({ parts: [], uninspectable: [] }))).toEqual([{ name: 'IMG_0042.png', contentType: 'image/png' }]);
    expect(await readAttachment({ name: 'blank.pdf', data: file.data }, answering({ parts: [], uninspectable: [] }))).toEqual([{ name: 'blank.pdf' }]);
  });
});
