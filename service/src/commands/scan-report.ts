import { ATTACHMENT_PROBLEM_TEXT, type Attachment, type Draft, type Finding, type ScanResult } from '@phiguard/core';

export interface ReportOptions {
  readonly color: boolean;
}

/** An excerpt of the field around one finding, laid out on one line. */
export interface Excerpt {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** Characters of context shown on each side of a match. */
const CONTEXT = 24;
/** Longer matches are shortened in the middle to keep the excerpt on one line. */
const MAX_MATCH = 80;
const ELLIPSIS = '…';

// Terminal control characters, and bidi controls that reorder what the user sees
// (CVE-2021-42574, "Trojan Source"), are never printed from a draft.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE = /\s+/g;
const SPACE = /\s/;

const STYLES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
type Style = keyof typeof STYLES;

/**
 * A readable report of one scanned draft: the verdict, then the findings grouped by field (each
 * attachment part by name and page), then the attachments that could not be inspected and why.
 */
export function formatReport(label: string, draft: Draft, result: ScanResult, options: ReportOptions): string {
  const paint = (text: string, ...styles: Style[]) =>
    options.color && styles.length > 0 ? `\x1b[${styles.map((s) => STYLES[s]).join(';')}m${text}\x1b[0m` : text;
  const yesNo = (value: boolean) => (value ? paint('yes', 'bold', 'red') : paint('no', 'green'));
  const count = result.findings.length;
  const attachments = draft.attachments ?? [];
  const uninspectable = attachments.filter((a) => a.uninspectable !== undefined);
  const lines = [
    paint(oneLine(label), 'bold'),
    `  PHI: ${yesNo(result.phi)}   Subject leaks PHI: ${yesNo(result.subjectPhi)}   ${count} ${count === 1 ? 'finding' : 'findings'}` +
      (uninspectable.length > 0 ? `   ${paint(`${uninspectable.length} not inspected`, 'bold', 'red')}` : ''),
  ];
  const width = Math.max(0, ...result.findings.map((f) => f.kind.length));
  for (const group of groupByField(draft, result.findings)) {
    lines.push('', `  ${paint(group.heading, 'bold')}`);
    for (const finding of group.findings) {
      const { before, match, after } = excerpt(group.text, finding.start, finding.end);
      const shown = `${before}${paint(`[[${match}]]`, 'bold', 'yellow')}${after}`;
      lines.push(`    ${paint(finding.kind.padEnd(width), 'cyan')}  ${finding.score.toFixed(2)}  ${shown}`);
      lines.push(`    ${' '.repeat(width)}        ${paint(oneLine(finding.why), 'dim')}`);
    }
  }
  const unread = attachments.filter((a) => a.text === undefined && a.uninspectable === undefined);
  if (unread.length + uninspectable.length > 0) lines.push('');
  for (const attachment of uninspectable) {
    lines.push(`  Not inspected: ${attachmentLabel(attachment)}: ${problemText(attachment)}; it may hold PHI`);
  }
  for (const attachment of unread) {
    lines.push(`  Not scanned: ${attachmentLabel(attachment)} has no readable text`);
  }
  return `${lines.join('\n')}\n`;
}

/** The match with a few characters either side, whitespace collapsed, unsafe characters replaced. */
export function excerpt(text: string, start: number, end: number): Excerpt {
  const from = wordStart(text, pairSafe(text, Math.max(0, start - CONTEXT), 1), start);
  const to = wordEnd(text, end, pairSafe(text, Math.min(text.length, end + CONTEXT), -1));
  return {
    before: (from > 0 ? ELLIPSIS : '') + oneLine(text.slice(from, start)).trimStart(),
    match: shorten(oneLine(text.slice(start, end))),
    after: oneLine(text.slice(end, to)).trimEnd() + (to < text.length ? ELLIPSIS : ''),
  };
}

/** Moves a context cut that falls inside a word to the nearest space towards the match. */
function wordStart(text: string, from: number, start: number): number {
  if (from === 0 || isSpace(text, from - 1) || isSpace(text, from)) return from;
  for (let i = from; i < start; i += 1) if (isSpace(text, i)) return i;
  return from;
}

function wordEnd(text: string, end: number, to: number): number {
  if (to === text.length || isSpace(text, to - 1) || isSpace(text, to)) return to;
  for (let i = to - 1; i > end; i -= 1) if (isSpace(text, i)) return i;
  return to;
}

function isSpace(text: string, index: number): boolean {
  return SPACE.test(text.charAt(index));
}

interface Group {
  readonly heading: string;
  readonly text: string;
  readonly findings: Finding[];
}

function groupByField(draft: Draft, findings: readonly Finding[]): Group[] {
  const byStart = (a: Finding, b: Finding) => a.start - b.start;
  const pick = (field: Finding['field'], attachment?: number) =>
    findings.filter((f) => f.field === field && f.attachment === attachment).sort(byStart);
  const groups: Group[] = [
    { heading: 'Subject', text: draft.subject ?? '', findings: pick('subject') },
    { heading: 'Body', text: draft.body ?? '', findings: pick('body') },
    ...(draft.attachments ?? []).map((attachment, i) => ({
      heading: `Attachment ${attachmentLabel(attachment)}${attachment.page === undefined ? '' : `, page ${attachment.page}`}`,
      text: attachment.text ?? '',
      findings: pick('attachment', i),
    })),
  ];
  return groups.filter((g) => g.findings.length > 0);
}

function attachmentLabel(attachment: { name: string; contentType?: string | undefined }): string {
  const name = oneLine(attachment.name);
  return attachment.contentType ? `${name} (${oneLine(attachment.contentType)})` : name;
}

/** "encrypted or password-protected", as a clause. */
function problemText(attachment: Pick<Attachment, 'uninspectable'>): string {
  const text = attachment.uninspectable ? ATTACHMENT_PROBLEM_TEXT[attachment.uninspectable] : '';
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function oneLine(text: string): string {
  return text.replace(WHITESPACE, ' ').replace(UNSAFE, '\ufffd');
}

function shorten(match: string): string {
  if (match.length <= MAX_MATCH) return match;
  const half = (MAX_MATCH - ELLIPSIS.length) / 2;
  return match.slice(0, pairSafe(match, Math.ceil(half), -1)) + ELLIPSIS + match.slice(pairSafe(match, match.length - Math.floor(half), 1));
}

/** Moves a cut that would split a surrogate pair one code unit in `direction`. */
function pairSafe(text: string, index: number, direction: 1 | -1): number {
  const code = text.charCodeAt(index);
  const splitsPair = index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff;
  return splitsPair ? index + direction : index;
}
