import type { Address } from 'postal-mime';
import type { AttachmentFile } from '../contract.js';
import { messageText, readContained } from '../lib/container.js';
import { addPart, checkDeadline, Refusal, type Job, type ReadNested } from '../lib/job.js';
import { htmlToText } from './html.js';

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** A forwarded message (RFC 5322): its headers and body as one part, then its attachments through `readNested`. */
export async function readEml(file: AttachmentFile, job: Job, readNested: ReadNested): Promise<void> {
  const { default: PostalMime } = await import('postal-mime');
  const email = await PostalMime.parse(file.data, { attachmentEncoding: 'arraybuffer' });
  checkDeadline(job);
  // The parser takes anything as header lines; a message's field names are printable ASCII without
  // spaces (RFC 5322 2.2), so one that is not means the file is not a message (or hides text there).
  if (email.headers.length === 0 || !email.headers.every((h) => FIELD_NAME.test(h.key))) throw new Refusal('malformed');
  const body = email.text ?? (email.html === undefined ? '' : htmlToText(email.html));
  const headers = [
    ['From', addresses(email.from === undefined ? [] : [email.from])],
    ['To', addresses(email.to ?? [])],
    ['Cc', addresses(email.cc ?? [])],
    ['Subject', email.subject],
    ['Date', email.date],
  ] as const;
  addPart(job, { name: file.name, contentType: 'message/rfc822', text: messageText(headers, body) });
  const attachments = email.attachments.map((a, i) => ({
    name: a.filename ?? `attachment-${i + 1}`,
    contentType: a.mimeType,
    // `attachmentEncoding: 'arraybuffer'` gives bytes, never a string.
    data: new Uint8Array(a.content as ArrayBuffer),
  }));
  await readContained(file.name, attachments, job, readNested);
}

function addresses(list: readonly Address[]): string {
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
    .join(', ');
}
