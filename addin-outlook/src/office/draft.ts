import type { Attachment, ComposeRecipient, Draft, OrgProfile } from '@phiguard/core';
import { Base64 } from 'js-base64';
import { officeAsync } from './async.js';

/** The part of Office's compose item the add-in reads. */
export type ComposeItem = Pick<Office.MessageCompose, 'subject' | 'body' | 'to' | 'cc' | 'bcc' | 'getAttachmentsAsync' | 'getAttachmentContentAsync'>;

/** Plain-text attachments whose text is read and scanned; other kinds count by name (PDF, Office, images: issue 11). */
const TEXT_ATTACHMENT = /\.(txt|csv|tsv|md|log|hl7|json|xml)$/i;
/** Larger text attachments are scanned by name only, so a send check stays quick. */
export const MAX_TEXT_ATTACHMENT_BYTES = 1024 * 1024;

/** The draft as the core scans it, and its recipients. */
export async function readDraft(item: ComposeItem, org: OrgProfile): Promise<{ draft: Draft; recipients: ComposeRecipient[] }> {
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
  return {
    draft: { subject, body, attachments: await Promise.all(attachments.filter((a) => !a.isInline).map((a) => readAttachment(item, a))), org },
    recipients,
  };
}

async function readAttachment(item: ComposeItem, details: Office.AttachmentDetailsCompose): Promise<Attachment> {
  if (!TEXT_ATTACHMENT.test(details.name) || details.size > MAX_TEXT_ATTACHMENT_BYTES) return { name: details.name };
  const content = await officeAsync<Office.AttachmentContent>((cb) => item.getAttachmentContentAsync(details.id, cb));
  return content.format === Office.MailboxEnums.AttachmentContentFormat.Base64 ? { name: details.name, text: Base64.decode(content.content) } : { name: details.name };
}

function recipient(details: Office.EmailAddressDetails, type: ComposeRecipient['type']): ComposeRecipient {
  const name = details.displayName?.trim();
  const address = details.emailAddress.trim().toLowerCase();
  // Outlook repeats the address as the display name when there is none.
  return name && name.toLowerCase() !== address ? { address, name, type } : { address, type };
}
