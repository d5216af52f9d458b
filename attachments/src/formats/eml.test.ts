import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, emlWith, PHI_TEXT, pdfWith, utf8 } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

const lab = (name: string, text: string) => ({ name, contentType: 'text/plain', data: utf8(text) });

describe('forwarded messages (.eml)', () => {
  it('give headers and body as one part, then each attachment as message/file with its page', async () => {
    const data = emlWith({ subject: 'Fwd: referral', text: 'See the attached referral.', attachments: [{ name: 'referral.pdf', contentType: 'application/pdf', data: await pdfWith([CLEAN_TEXT, PHI_TEXT]) }] });
    const { parts, uninspectable } = await extractText({ name: 'fwd.eml', data });
    expect(uninspectable).toEqual([]);
    expect(parts[0]).toEqual({
      name: 'fwd.eml',
      contentType: 'message/rfc822',
      text: 'From: Dr. Lee <lee@cityclinic.example>\nTo: Front desk <desk@cityclinic.example>\nSubject: Fwd: referral\nDate: 2025-03-04T09:15:00.000Z\n\nSee the attached referral.\n',
    });
    expect(parts.slice(1).map((p) => [p.name, p.page])).toEqual([['fwd.eml/referral.pdf', 1], ['fwd.eml/referral.pdf', 2]]);
    expect(parts.map(scansAsPhi)).toEqual([false, false, true]);
  });

  it('find PHI in the body, and in an HTML-only body', async () => {
    for (const body of [{ text: PHI_TEXT }, { html: `<div>${PHI_TEXT}</div>` }]) {
      const { parts } = await extractText({ name: 'fwd.eml', data: emlWith(body) });
      expect(parts).toHaveLength(1);
      expect(parts[0]!.text).toContain(PHI_TEXT);
      expect(scansAsPhi(parts[0]!)).toBe(true);
    }
  });

  it('stay clean when nothing in them is PHI', async () => {
    const { parts, uninspectable } = await extractText({ name: 'fwd.eml', data: emlWith({ text: CLEAN_TEXT, attachments: [lab('agenda.txt', CLEAN_TEXT)] }) });
    expect(uninspectable).toEqual([]);
    expect(parts.some(scansAsPhi)).toBe(false);
  });

  it('read at most maxEntries attachments and report the rest', async () => {
    const data = emlWith({ text: 'three files', attachments: [lab('a.txt', 'a'), lab('b.txt', 'b'), lab('c.txt', 'c')] });
    const { parts, uninspectable } = await extractText({ name: 'fwd.eml', data }, { limits: { maxEntries: 2 } });
    expect(parts.map((p) => p.name)).toEqual(['fwd.eml', 'fwd.eml/a.txt', 'fwd.eml/b.txt']);
    expect(uninspectable).toEqual([{ name: 'fwd.eml', reason: 'too_many_entries' }]);
  });

  it('open one level: a message forwarded inside it is read, its own attachments are not', async () => {
    const inner = emlWith({ subject: 'original', text: PHI_TEXT, attachments: [lab('deeper.txt', 'x')] });
    const data = emlWith({ text: 'forwarding the thread', attachments: [{ name: 'original.eml', contentType: 'message/rfc822', data: inner }] });
    const { parts, uninspectable } = await extractText({ name: 'fwd.eml', data });
    expect(parts.map((p) => p.name)).toEqual(['fwd.eml', 'fwd.eml/original.eml']);
    expect(scansAsPhi(parts[1]!)).toBe(true);
    expect(uninspectable).toEqual([{ name: 'fwd.eml/original.eml/deeper.txt', reason: 'unsupported' }]);
  });
});

describe('files named .eml that are not messages', () => {
  it.each([
    ['text with no header block', `${PHI_TEXT}\n\nmore text`],
    ['a header block with a line that is not a field', `From: a@b.example\n${PHI_TEXT}\n\nbody`],
  ])('are reported as malformed: %s', async (_label, text) => {
    expect(await extractText({ name: 'odd.eml', data: utf8(text) })).toEqual({ parts: [], uninspectable: [{ name: 'odd.eml', reason: 'malformed' }] });
  });
});
