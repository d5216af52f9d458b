// Text of a WordprocessingML part (ECMA-376 Part 1, 17.3): run text, tabs and breaks, a line per
// paragraph. Tokenized with indexOf, not parsed: a Web Worker has no DOMParser, and these few
// elements are all the text a reader sees. One pass, linear in the input, as htmlToText.
import { decodeEntities } from './html.js';

/** A tag's opening: `/` if it ends an element, then the element's name. */
const TAG_HEAD = /<(\/?)([^\s/>]{0,64})/y;

/**
 * The text of a header, footer, footnotes, endnotes or comments part. Element names are matched
 * without their prefix (Word writes `w:`). Of `mc:AlternateContent` only the fallback is read, as
 * mammoth does, so a text box's text is not read twice.
 */
export function wordXmlText(xml: string): string {
  const out: string[] = [];
  let inText = false;
  let choices = 0;
  let at = 0;
  while (at < xml.length) {
    const found = xml.indexOf('<', at);
    const open = found < 0 ? xml.length : found;
    if (inText && choices === 0) out.push(xml.slice(at, open));
    const close = xml.indexOf('>', open + 1);
    // Nothing closes this tag (a part cut short): no element follows.
    if (close < 0) break;
    at = close + 1;
    TAG_HEAD.lastIndex = open;
    const [head, slash, name = ''] = TAG_HEAD.exec(xml)!;
    const ending = slash === '/';
    const empty = xml[close - 1] === '/';
    const local = name.slice(name.indexOf(':') + 1);
    if (local === 'Choice') {
      if (ending) choices = Math.max(0, choices - 1);
      else if (!empty) choices++;
    } else if (choices > 0) {
      continue;
    } else if (local === 't') {
      inText = !ending && !empty;
    } else if (local === 'p' && (ending || empty)) {
      out.push('\n');
    } else if ((local === 'br' || local === 'cr') && !ending) {
      out.push('\n');
    } else if (local === 'tab' && xml.slice(open + head.length, close).trim() === '/') {
      // A run's tab is `<w:tab/>`; a tab stop (w:tabs) carries w:val and w:pos and is not text.
      out.push('\t');
    }
  }
  return decodeEntities(out.join('')).replace(/\n{3,}/g, '\n\n').trim();
}
