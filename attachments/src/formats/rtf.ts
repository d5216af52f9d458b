// Plain text from RTF (Microsoft RTF Specification 1.9.1): control words go, groups that are not
// document text (font tables, pictures, field instructions, `\*` destinations) are skipped,
// escapes and Unicode characters are decoded. One pass, linear in the input. RTF that encapsulates
// HTML (`\fromhtml1`, as Outlook stores HTML mail) is de-encapsulated to that HTML (MS-OXRTFEX
// 2.2.3.2), whose text is then taken as an HTML attachment's is.
import { decodeWindows1252 } from '../lib/decode-text.js';
import { htmlToText } from './html.js';

/** Destinations whose content is formatting or binary data, never text a reader sees. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'filetbl',
  'pict', 'object', 'objdata', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl',
  'generator', 'fldinst', 'bkmkstart', 'bkmkend', 'nonshppict',
]);
const BREAKS: Readonly<Record<string, string>> = { par: '\n', line: '\n', row: '\n', sect: '\n', page: '\n', tab: '\t', cell: '\t' };
const SYMBOLS: Readonly<Record<string, string>> = {
  emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', emspace: ' ', enspace: ' ',
};
const CONTROL_WORD = /([a-z]{1,32})(-?\d{1,10})? ?/gy;

interface Group {
  skip: boolean;
  /** Inside `\htmlrtf`: RTF the writer added, not part of the encapsulated HTML (MS-OXRTFEX 2.1.3.1.3). */
  rtfOnly: boolean;
  /** Fallback characters that follow each `\u` (the `\uc` value). */
  uc: number;
}

export function rtfToText(rtf: string): string {
  const out: string[] = [];
  const stack: Group[] = [];
  let group: Group = { skip: false, rtfOnly: false, uc: 1 };
  let fallback = 0;
  let html = false;
  const emit = (text: string) => {
    if (fallback > 0) fallback--;
    else if (!group.skip && !(html && group.rtfOnly)) out.push(text);
  };
  let at = 0;
  while (at < rtf.length) {
    const c = rtf[at]!;
    if (c === '{') {
      stack.push(group);
      group = { ...group };
      at++;
    } else if (c === '}') {
      group = stack.pop() ?? group;
      fallback = 0;
      at++;
    } else if (c === '\r' || c === '\n') {
      at++; // line breaks in the file are not text
    } else if (c !== '\\') {
      emit(c);
      at++;
    } else {
      const next = rtf[at + 1] ?? '';
      if (next === '\\' || next === '{' || next === '}') {
        emit(next);
        at += 2;
      } else if (next === "'") {
        const code = parseInt(rtf.slice(at + 2, at + 4), 16);
        if (!Number.isNaN(code)) emit(decodeWindows1252(new Uint8Array([code])));
        at += 4;
      } else if (next === '*') {
        // An ignorable destination; an HTML tag's is the encapsulated HTML itself.
        if (!(html && rtf.startsWith('\\htmltag', at + 2))) group.skip = true;
        at += 2;
      } else if (next === '\r' || next === '\n') {
        emit('\n'); // a backslash before a line break is \par
        at += 2;
      } else if (/[a-z]/.test(next)) {
        CONTROL_WORD.lastIndex = at + 1;
        const m = CONTROL_WORD.exec(rtf)!;
        at = CONTROL_WORD.lastIndex;
        const word = m[1]!;
        const param = m[2] === undefined ? undefined : Number(m[2]);
        if (word === 'bin') {
          at += Math.max(0, param ?? 0); // raw bytes follow; they may contain braces
        } else if (word === 'u' && param !== undefined) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          fallback = group.uc;
        } else if (word === 'uc' && param !== undefined) {
          group.uc = param;
        } else if (word === 'fromhtml' && param === 1) {
          html = true;
        } else if (word === 'htmlrtf') {
          group.rtfOnly = param !== 0;
        } else if (SKIPPED.has(word)) {
          group.skip = true;
        } else {
          const text = BREAKS[word] ?? SYMBOLS[word];
          if (text) emit(text);
        }
      } else {
        if (next === '~') emit(' ');
        else if (next === '_') emit('-');
        at += 2;
      }
    }
  }
  return html ? htmlToText(out.join('')) : out.join('').replace(/\n{3,}/g, '\n\n').trim();
}
