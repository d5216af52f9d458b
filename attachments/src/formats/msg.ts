import type { FieldsData } from '@kenjiuno/msgreader';
import type { AttachmentFile } from '../contract.js';
import { arrayBufferOf } from '../lib/bytes.js';
import { messageText, readContained } from '../lib/container.js';
import { decodeText, decodeWindows1252 } from '../lib/decode-text.js';
import { addPart, checkDeadline, Refusal, type Job, type ReadNested } from '../lib/job.js';
import { htmlToText } from './html.js';
import { rtfToText } from './rtf.js';

/** Header of PR_RTF_COMPRESSED (MS-OXRTFCP 2.1.3.1.1): COMPSIZE, RAWSIZE, COMPTYPE, CRC. */
const RTF_HEADER_SIZE = 16;
/** LZFu's most output per input byte: a control byte then eight 2-byte references of up to 17 bytes each (MS-OXRTFCP 2.1.3.1). */
const LZFU_MAX_EXPANSION = 8;

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
  addPart(job, { name: file.name, contentType: 'application/vnd.ms-outlook', text: messageText(headers, await body(fields, job)) });
  const attachments = (fields.attachments ?? []).map((attachment, i): AttachmentFile => {
    const { fileName, content } = reader.getAttachment(attachment);
    return { name: fileName || `attachment-${i + 1}`, ...(attachment.attachMimeTag ? { contentType: attachment.attachMimeTag } : {}), data: content };
  });
  await readContained(file.name, attachments, job, readNested);
}

/** The body as Outlook stored it: plain text, else HTML, else RTF (compressed), which may itself encapsulate the HTML. */
async function body(fields: FieldsData, job: Job): Promise<string> {
  if (fields.body) return fields.body;
  if (fields.bodyHtml) return htmlToText(fields.bodyHtml);
  if (fields.html) return htmlToText(decodeText(fields.html));
  // RTF is 7-bit text: bytes past ASCII are escaped (\'hh), and rtfToText decodes those.
  return fields.compressedRtf ? rtfToText(decodeWindows1252(await decompressedRtf(fields.compressedRtf, job))) : '';
}

/**
 * The RTF of PR_RTF_COMPRESSED (MS-OXRTFCP), counted against the job's decompression budget. The
 * decompressor reads as far as the header's COMPSIZE says, whatever the stream holds, and grows a
 * plain array as it writes: so COMPSIZE is checked against the stream, and the most it could write
 * against the budget, before it starts.
 */
async function decompressedRtf(stream: Uint8Array, job: Job): Promise<Uint8Array> {
  if (stream.length < RTF_HEADER_SIZE) throw new Refusal('malformed');
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (view.getUint32(0, true) + 4 > stream.length) throw new Refusal('malformed');
  if (stream.length * LZFU_MAX_EXPANSION > job.decompressedLeft) throw new Refusal('decompression_limit');
  const { decompressRTF } = await import('@kenjiuno/decompressrtf');
  // It only indexes and slices its input, which a Uint8Array does as an array would.
  const rtf = Uint8Array.from(decompressRTF(stream as unknown as number[]));
  job.decompressedLeft -= rtf.length;
  return rtf;
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
