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

/** HTML mail as Outlook encapsulates it in RTF (MS-OXRTFEX 2.1.3): tags in HTMLTAG groups, RTF-only formatting inside \htmlrtf. */
const ENCAPSULATED_HTML = [
  '{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\fbidis \\deff0{\\fonttbl',
  '{\\f0\\fswiss\\fcharset0 Arial;}',
  '{\\f1\\fmodern Courier New;}}',
  '{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}',
  '\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 ',
  '{\\*\\htmltag19 <html>}',
  '{\\*\\htmltag34 <head>}',
  '{\\*\\htmltag241 <style>}',
  '{\\*\\htmltag241 p \\{ margin: 0 \\}}',
  '{\\*\\htmltag249 </style>}',
  '{\\*\\htmltag41 </head>}',
  '{\\*\\htmltag50 <body>}',
  '{\\*\\htmltag64}',
  "{\\*\\htmltag96 <div>}\\htmlrtf {\\htmlrtf0 Patient Maria Gonz\\'e1lez",
  '{\\*\\htmltag116 <br>}\\htmlrtf \\line',
  '\\htmlrtf0 SSN 531-72-0846 {\\*\\htmltag84 &amp;} type 2 diabetes',
  '{\\*\\htmltag104 </div>}{\\*\\mhtmltag104 </div>}\\htmlrtf }\\htmlrtf0 ',
  '{\\*\\htmltag72 <ul>}\\htmlrtf {{\\pntext \\\'b7\\tab}\\htmlrtf0 {\\*\\htmltag80 <li>}HbA1c 8.9%{\\*\\htmltag88 </li>}\\htmlrtf \\par}\\htmlrtf0 {\\*\\htmltag80 </ul>}',
  '{\\*\\htmltag58 </body>}',
  '{\\*\\htmltag27 </html>}}',
].join('\r\n');

describe('text from RTF that encapsulates HTML (\\fromhtml1, MS-OXRTFEX 2.2.3.2)', () => {
  it('is the HTML’s text: tags from HTMLTAG groups, RTF-only runs (\\htmlrtf) left out, styles dropped', () => {
    expect(rtfToText(ENCAPSULATED_HTML)).toBe('Patient Maria González\nSSN 531-72-0846 & type 2 diabetes\nHbA1c 8.9%');
  });

  it('is read as plain RTF without \\fromhtml1, HTMLTAG groups being ignorable destinations', () => {
    expect(rtfToText(ENCAPSULATED_HTML.replace('\\fromhtml1', ''))).toBe('Patient Maria González\nSSN 531-72-0846  type 2 diabetes·\tHbA1c 8.9%');
  });
});
