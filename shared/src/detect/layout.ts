/** Where the writer's own lines sit in a field: greetings and signature blocks, per quoted segment. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Layout {
  /** Signature blocks and sent-date lines: the writer's side, never patient PHI. */
  readonly staff: readonly Span[];
  /** Greeting lines ("Dr. Raman,", "Hi Lena,"): a colleague, unless the draft speaks to the patient. */
  readonly greeting: readonly Span[];
}

export const EMPTY_LAYOUT: Layout = { staff: [], greeting: [] };

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  // Read once per line: each segment pass below asks again.
  readonly blank: boolean;
  readonly header: boolean;
}

// Reply and forward headers start a new segment with its own greeting and signature.
const SEGMENT_HEADER = /^\s*(?:>|On .{4,120} wrote:\s*$|-{2,}\s*(?:Original|Forwarded) Message|From:\s|Sent:\s|Begin forwarded message)/i;
const GREETING = /^\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^\n]{0,60}|[\p{Lu}][\p{L}.'’ -]{0,40},|[\p{Lu}][\p{L}.'’ -]{0,40}:)\s*$/u;
const CLOSING = /^\s*(?:thanks|thank you|many thanks|thx|best|best regards|kind regards|warm regards|regards|sincerely|cheers|take care|warmly|respectfully|see you(?: soon| then| thursday| monday| tuesday| wednesday| friday)?!?|talk soon|all the best|with thanks)\b[^\n]{0,30}[,.!]?\s*$/i;
const CREDENTIAL = String.raw`(?:MD|DO|RN|BSN|MSN|LPN|NP|APRN|FNP|FNP-C|PA|PA-C|PT|DPT|PTA|OT|OTR|SLP|CCC-SLP|DDS|DMD|RDH|PharmD|RPh|CPhT|LCSW|LPC|PhD|PsyD|MA|CMA|CPC|CCS|RHIA|MPH|MBA|CNA|CRNA|NRP|EMT-P|RD|LD|CDE)`;
const SIGN_NAME = new RegExp(
  String.raw`^\s*[-–—~]?\s*(?:Dr\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?:,\s*${CREDENTIAL}(?:,\s*${CREDENTIAL})*)?\s*$`,
  'u',
);

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ start, end: start + part.length, text: part, blank: part.trim() === '', header: SEGMENT_HEADER.test(part) });
    start += part.length + 1;
  }
  return lines;
}

/** Finds greeting and signature lines in each segment of a body. */
export function analyseLayout(text: string): Layout {
  const lines = splitLines(text);
  const layout = { staff: [] as Span[], greeting: [] as Span[] };
  let segStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || (i > segStart && lines[i]!.header)) {
      markSegment(lines.slice(segStart, i), layout);
      segStart = i;
    }
  }
  return layout;
}

// The date a message was sent is not a date about a patient.
const SENT_LINE = /^\s*>?\s*(?:Sent|Date):\s/i;

function markSegment(lines: readonly Line[], { staff, greeting }: { staff: Span[]; greeting: Span[] }): void {
  for (const l of lines) if (SENT_LINE.test(l.text)) staff.push({ start: l.start, end: l.end });
  const content = lines.filter((l) => !l.blank && !l.header);
  if (content.length === 0) return;
  const first = content[0]!;
  if (content.length > 1 && GREETING.test(first.text)) greeting.push({ start: first.start, end: first.end });

  const sig = signatureStart(lines);
  if (sig !== undefined) staff.push({ start: lines[sig]!.start, end: content[content.length - 1]!.end });
}

/** Index of the line where the signature block begins, if the segment ends in one. */
function signatureStart(lines: readonly Line[]): number | undefined {
  const contentIdx = lines.map((l, i) => (l.blank || l.header ? -1 : i)).filter((i) => i >= 0);
  if (contentIdx.length < 2) return undefined;
  // A closing phrase within the last lines starts the block.
  const tail = contentIdx.slice(-8);
  for (const i of tail) if (CLOSING.test(lines[i]!.text)) return i;
  // Otherwise the last paragraph, when it opens with a bare name ("Kayla", "Tom Keller, RN") and is short.
  let p = contentIdx[contentIdx.length - 1]!;
  while (p > 0 && !lines[p - 1]!.blank) p--;
  const para = lines.slice(p).filter((l) => !l.blank);
  if (p > contentIdx[0]! && para.length <= 6 && para.every((l) => l.text.length <= 100) && SIGN_NAME.test(para[0]!.text)) return p;
  return undefined;
}

export function inSpans(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start >= s.start && end <= s.end);
}
