import type { AttachmentFile } from '../contract.js';
import { decodeText } from '../lib/decode-text.js';
import { addPart, type Job } from '../lib/job.js';
import { htmlToText } from './html.js';
import { rtfToText } from './rtf.js';

export type TextFormat = 'text' | 'csv' | 'html' | 'rtf';

const READ: Readonly<Record<TextFormat, { contentType: string; convert: (text: string) => string }>> = {
  text: { contentType: 'text/plain', convert: (text) => text },
  // A CSV is scanned as written: separators and quotes do not hide identifiers from the recognizers.
  csv: { contentType: 'text/csv', convert: (text) => text },
  html: { contentType: 'text/html', convert: htmlToText },
  rtf: { contentType: 'application/rtf', convert: rtfToText },
};

/** Plain text, CSV, HTML and RTF attachments: decoded, then reduced to what a reader sees. */
export async function readText(file: AttachmentFile, job: Job, format: TextFormat): Promise<void> {
  const { contentType, convert } = READ[format];
  addPart(job, { name: file.name, contentType, text: convert(decodeText(file.data)) });
}
