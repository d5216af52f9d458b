import type { Attachment, AttachmentUpload, ComposeRecipient, Draft, OrgProfile } from '@phiguard/core';
import { Base64 } from 'js-base64';
import { officeAsync } from './async.js';

/** The part of Office's compose item the add-in reads. */
export type ComposeItem = Pick<Office.MessageCompose, 'subject' | 'body' | 'to' | 'cc' | 'bcc' | 'getAttachmentsAsync' | 'getAttachmentContentAsync'>;

/** Plain-text attachments, read and scanned here; every other kind (PDF, Office, images) is read by the service. */
const TEXT_ATTACHMENT = /\.(txt|csv|tsv|md|log|hl7|json|xml)$/i;
/** Larger text attachments go to the service like any other file. */
export const MAX_TEXT_ATTACHMENT_BYTES = 1024 * 1024;
/** The service's per-attachment limit (attachments/src DEFAULT_LIMITS.maxBytes): larger ones cannot be inspected. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * The draft as the core scans it (text attachments read here), its recipients, and the attachments
 * only the service can read (`uploads`): the caller sends those to POST /v1/scan/attachments.
 */
export async function readDraft(item: ComposeItem, org: OrgProfile): Promise<{ draft: Draft; recipients: ComposeRecipient[]; uploads: AttachmentUpload[] }> {
  const [subject, body, to, cc, bcc, attachments] = await Promise.all([
    officeAsync<string>((cb) => item.subject.getAsync(cb)),
    officeAsync<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb)),
    officeAsync<Office.EmailAddressDetails[]>((cb) => item.to.getAsync(cb)),
    officeAsync<Office.EmailAddressDetails[]>((cb) => item.cc.getAsync(cb)),
    officeAsync<Office.EmailAddressDetails[]>((cb) => item.bcc.getAsync(cb)),
    officeAsync<Office.AttachmentDetailsCompose[]>((cb) => item.getAttachmentsAsync(cb)),
  ]);
  const recipients = [
    ...to.map((r) => recipient(r, 'to')),
    ...cc.map((r) => recipient(r, 'cc')),
    ...bcc.map((r) => recipient(r, 'bcc')),
  ].filter((r) => r.address !== '');
  const read = await Promise.all(attachments.filter((a) => !a.isInline).map((a) => readAttachment(item, a)));
  return {
    draft: { subject, body, attachments: read.flatMap((r) => ('attachment' in r ? [r.attachment] : [])), org },
    recipients,
    uploads: read.flatMap((r) => ('upload' in r ? [r.upload] : [])),
  };
}

async function readAttachment(item: ComposeItem, details: Office.AttachmentDetailsCompose): Promise<{ attachment: Attachment } | { upload: AttachmentUpload }> {
  if (details.size > MAX_UPLOAD_BYTES) return { attachment: { name: details.name, uninspectable: 'too_large' } };
  const content = await officeAsync<Office.AttachmentContent>((cb) => item.getAttachmentContentAsync(details.id, cb));
  // Cloud attachments and attached items come as a URL or an item id: nothing to read here.
  if (content.format !== Office.MailboxEnums.AttachmentContentFormat.Base64) return { attachment: { name: details.name, uninspectable: 'unsupported' } };
  if (TEXT_ATTACHMENT.test(details.name) && details.size <= MAX_TEXT_ATTACHMENT_BYTES) return { attachment: { name: details.name, text: Base64.decode(content.content) } };
  return { upload: { name: details.name, data: content.content } };
}

function recipient(details: Office.EmailAddressDetails, type: ComposeRecipient['type']): ComposeRecipient {
  const name = details.displayName?.trim();
  const address = details.emailAddress.trim().toLowerCase();
  // Outlook repeats the address as the display name when there is none.
  return name && name.toLowerCase() !== address ? { address, name, type } : { address, type };
}
