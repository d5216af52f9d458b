import type { AttachmentFile } from '../contract.js';
import { arrayBufferOf } from '../lib/bytes.js';
import { addPart, checkDeadline, type Job } from '../lib/job.js';
import { checkExpansion } from '../lib/zip-reader.js';

/** A Word document's text (paragraphs, tables, text boxes) by mammoth, once its ZIP is known to stay within the limits. */
export async function readDocx(file: AttachmentFile, job: Job): Promise<void> {
  checkExpansion(file.data, job);
  const { default: mammoth } = await import('mammoth');
  // mammoth reads `buffer` in Node and `arrayBuffer` in its browser build; both views of the same bytes.
  const { value } = await mammoth.extractRawText({ buffer: file.data, arrayBuffer: arrayBufferOf(file.data) } as { arrayBuffer: ArrayBuffer });
  checkDeadline(job);
  addPart(job, { name: file.name, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', text: value });
}
