import type { FieldsData } from '@kenjiuno/msgreader';
import type { AttachmentFile } from '../contract.js';
import { arrayBufferOf } from '../lib/bytes.js';
import { messageText, readContained } from '../lib/container.js';
import { decodeText } from '../lib/decode-text.js';
import { addPart, checkDeadline, Refusal, type Job, type ReadNested } from '../lib/job.js';
import { htmlToText } from './html.js';

/** An Outlook message file (MS-OXMSG): sender, recipients, subject and body as one part, then its attachments. */
export async function readMsg(file: AttachmentFile, job: Job, readNested: ReadNested): Promise<void> {
  const MsgReader = await loadMsgReader();
  const reader = new MsgReader(arrayBufferOf(file.data));
  const fields = reader.getFileData();
  if (fields.error !== undefined) throw new Refusal('malformed');
  checkDeadline(job);
  const sender = fields.senderEmail && fields.senderName ? `${fields.senderName} <${fields.senderEmail}>` : fields.senderEmail ?? fields.senderName;
  const headers = [
    ['From', sender],
    ['To', (fields.recipients ?? []).map(recipient).join(', ')],
    ['Subject', fields.subject],
    ['Date', fields.clientSubmitTime ?? fields.messageDeliveryTime],
  ] as const;
  addPart(job, { name: file.name, contentType: 'application/vnd.ms-outlook', text: messageText(headers, body(fields)) });
  const attachments = (fields.attachments ?? []).map((attachment, i): AttachmentFile => {
    const { fileName, content } = reader.getAttachment(attachment);
    return { name: fileName || `attachment-${i + 1}`, ...(attachment.attachMimeTag ? { contentType: attachment.attachMimeTag } : {}), data: content };
  });
  await readContained(file.name, attachments, job, readNested);
}

function body(fields: FieldsData): string {
  if (fields.body) return fields.body;
  if (fields.bodyHtml) return htmlToText(fields.bodyHtml);
  return fields.html ? htmlToText(decodeText(fields.html)) : '';
}

function recipient(r: FieldsData): string {
  const address = r.smtpAddress ?? r.email;
  return r.name && address && r.name !== address ? `${r.name} <${address}>` : address ?? r.name ?? '';
}

type MsgReaderClass = (typeof import('@kenjiuno/msgreader'))['default'];

/**
 * msgreader is CommonJS with an `exports.default`: Node's ESM loader gives the exports object as the
 * default import, bundlers and Jest give the class.
 */
async function loadMsgReader(): Promise<MsgReaderClass> {
  const loaded: MsgReaderClass | { default: MsgReaderClass } = (await import('@kenjiuno/msgreader')).default;
  return typeof loaded === 'function' ? loaded : loaded.default;
}
