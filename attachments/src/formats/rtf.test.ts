import { describe, expect, it } from '@jest/globals';
import { rtfToText } from './rtf.js';

describe('text from RTF', () => {
  it.each([
    ['paragraphs and tabs', '{\\rtf1\\ansi Maria Gonzalez\\par SSN\\tab 531-72-0846}', 'Maria Gonzalez\nSSN\t531-72-0846'],
    ['tables: cells by tabs, rows by lines', '{\\rtf1 \\trowd A\\cell B\\cell\\row C\\cell D\\cell\\row}', 'A\tB\t\nC\tD'],
    ['escaped braces and backslashes', '{\\rtf1 a \\{b\\} c\\\\d}', 'a {b} c\\d'],
    ['Windows-1252 hex escapes', "{\\rtf1\\ansi Gonz\\'e1lez \\'93quoted\\'94}", 'González “quoted”'],
    ['Unicode with its fallback dropped', '{\\rtf1 \\u8212?\\uc2\\u945xx b}', '—α b'],
    ['font and colour tables, pictures, ignorable destinations', '{\\rtf1{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0;}{\\*\\generator Word;}{\\pict 0a1b2c}Hello}', 'Hello'],
    ['field instructions hidden, their result kept', '{\\rtf1{\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt Visit notes}}}', 'Visit notes'],
    ['binary data skipped, braces and all', '{\\rtf1 a\\bin4 }{}\\ b}', 'a b'],
    ['line breaks in the file are not text', '{\\rtf1 Mar\r\nia}', 'Maria'],
    ['control symbols: non-breaking space and hyphen', '{\\rtf1 Dr.\\~Lee\\_Smith}', 'Dr. Lee-Smith'],
  ])('%s', (_label, rtf, text) => {
    expect(rtfToText(rtf)).toBe(text);
  });

  it('reads deep nesting and long input in linear time', () => {
    const rtf = `{\\rtf1 ${'{\\b '.repeat(200_000)}x${'}'.repeat(200_000)}${'\\par '.repeat(200_000)}}`;
    const started = Date.now();
    expect(rtfToText(rtf)).toBe('x');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
