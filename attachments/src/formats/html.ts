const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const LINE_ENDING = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);
const CELL_ENDING = new Set(['td', 'th']);
/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['style', 'script', 'head']);
const TAG_NAME = /^(\/?)([a-z][a-z0-9]*)/i;

/**
 * Readable text from HTML (a draft's HTML part, an HTML attachment): blocks become lines, tags go,
 * entities are decoded. Enough to scan; never rendered. One pass with `indexOf`, so a hostile
 * attachment (unclosed tags, long runs of spaces) costs linear time, which nested regexes do not.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const unclosed = new Set<string>();
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    if (html.startsWith('<!--', open)) {
      out.push(html.slice(at, open));
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    // Nothing closes this tag: the rest is text.
    if (close < 0) break;
    out.push(html.slice(at, open));
    const tag = TAG_NAME.exec(html.slice(open + 1, Math.min(close, open + 16)));
    const name = tag?.[2]?.toLowerCase();
    at = close + 1;
    if (!tag || !name) continue;
    if (tag[1] === '') {
      if (name === 'br') out.push('\n');
      else if (HIDDEN.has(name)) at = skipElement(html, name, at, unclosed);
    } else if (LINE_ENDING.has(name)) out.push('\n');
    else if (CELL_ENDING.has(name)) out.push('\t');
  }
  out.push(html.slice(at));
  return tidy(decodeEntities(out.join('')));
}

/** Named (the few mail uses) and numeric character references decoded; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => decodeEntity(entity) ?? whole);
}

/** Where text resumes after a hidden element; an unclosed one hides nothing, as before. */
function skipElement(html: string, name: string, from: number, unclosed: Set<string>): number {
  if (unclosed.has(name)) return from;
  const end = new RegExp(`</${name}\\s*>`, 'gi');
  end.lastIndex = from;
  const found = end.exec(html);
  if (found) return end.lastIndex;
  // No closing tag after here, so none after any later opening either: never search for it again.
  unclosed.add(name);
  return from;
}

/** Trailing spaces off every line, at most one blank line in a row, no outer blank space. */
function tidy(text: string): string {
  const lines = text.split('\n').map(trimEndSpaces);
  const kept: string[] = [];
  let blanks = 0;
  for (const line of lines) {
    blanks = line === '' ? blanks + 1 : 0;
    if (blanks < 2) kept.push(line);
  }
  return kept.join('\n').trim();
}

function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
