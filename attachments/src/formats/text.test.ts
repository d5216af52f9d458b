import { describe, expect, it } from '@jest/globals';
import { extractText } from '../extract.js';
import { CLEAN_TEXT, PHI_TEXT, utf8 } from '../testing/fixtures.js';
import { scansAsPhi } from '../testing/phi.js';

describe('text attachments (TXT, CSV, HTML, RTF)', () => {
  it.each([
    ['note.txt', utf8(`\ufeff${PHI_TEXT}`), 'text/plain', PHI_TEXT],
    ['visits.csv', utf8(`name,ssn,diagnosis\n"Maria Gonzalez",531-72-0846,type 2 diabetes`), 'text/csv', 'name,ssn,diagnosis\n"Maria Gonzalez",531-72-0846,type 2 diabetes'],
    ['letter.html', utf8(`<html><head><title>x</title></head><body><p>${PHI_TEXT}</p></body></html>`), 'text/html', PHI_TEXT],
    ['letter.rtf', utf8(`{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 ${PHI_TEXT}\\par}`), 'application/rtf', PHI_TEXT],
  ])('%s: its text, PHI found under its name', async (name, data, contentType, text) => {
    const { parts, uninspectable } = await extractText({ name, data });
    expect(uninspectable).toEqual([]);
    expect(parts).toEqual([{ name, contentType, text }]);
    expect(scansAsPhi(parts[0]!)).toBe(true);
  });

  it.each(['note.txt', 'visits.csv', 'page.html'])('%s stays clean when nothing in it is PHI', async (name) => {
    const { parts, uninspectable } = await extractText({ name, data: utf8(CLEAN_TEXT) });
    expect(uninspectable).toEqual([]);
    expect(parts.map(scansAsPhi)).toEqual([false]);
  });

  it('reads a Windows-1252 file that is not valid UTF-8', async () => {
    const data = new Uint8Array([...utf8('Patient Jos'), 0xe9, ...utf8(' Gonz'), 0xe1, ...utf8('lez')]);
    const { parts } = await extractText({ name: 'old.txt', data });
    expect(parts[0]!.text).toBe('Patient José González');
  });

  it('reads hostile HTML (tags never closed) in linear time', async () => {
    const data = utf8(`${'<div'.repeat(500_000)}${'<'.repeat(1_000_000)}`);
    const started = Date.now();
    await extractText({ name: 'hostile.html', data });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
