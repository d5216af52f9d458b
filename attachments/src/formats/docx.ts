import type { AttachmentFile } from '../contract.js';
import { arrayBufferOf } from '../lib/bytes.js';
import { decodeText } from '../lib/decode-text.js';
import { addPart, checkDeadline, Refusal, type Job } from '../lib/job.js';
import { checkExpansion, inflateEntry, type MeasuredEntry } from '../lib/zip-reader.js';
import { wordXmlText } from './word-text.js';

/**
 * Parts mammoth's extractRawText leaves out, in the order they are added around the body: headers
 * first (a referral letter's patient name and MRN often sit there), then the rest after it.
 */
const HEADERS = /^word\/header\d*\.xml$/;
const AFTER_BODY = [/^word\/footnotes\.xml$/, /^word\/endnotes\.xml$/, /^word\/comments\.xml$/, /^word\/footer\d*\.xml$/];

/**
 * A Word document's text as one part: mammoth's (paragraphs, tables, text boxes) with headers,
 * footers, footnotes, endnotes and comments added, once its ZIP is known to stay within the limits.
 */
export async function readDocx(file: AttachmentFile, job: Job): Promise<void> {
  const entries = checkExpansion(file.data, job);
  const { default: mammoth } = await import('mammoth');
  // mammoth reads `buffer` in Node and `arrayBuffer` in its browser build; both views of the same bytes.
  const { value } = await mammoth.extractRawText({ buffer: file.data, arrayBuffer: arrayBufferOf(file.data) } as { arrayBuffer: ArrayBuffer });
  checkDeadline(job);
  const partsOf = (pattern: RegExp) => entries.filter((e) => pattern.test(e.name)).map((e) => partText(file.data, e, job));
  const text = [...partsOf(HEADERS), value, ...AFTER_BODY.flatMap(partsOf)].map((t) => t.trim()).filter((t) => t !== '').join('\n\n');
  addPart(job, { name: file.name, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', text });
}

function partText(data: Uint8Array, entry: MeasuredEntry, job: Job): string {
  checkDeadline(job);
  // checkExpansion measured and counted these bytes; inflating them again yields the same, no more.
  const bytes = inflateEntry(data, entry, entry.size, job);
  if (!bytes) throw new Refusal('decompression_limit');
  return wordXmlText(decodeText(bytes));
}
