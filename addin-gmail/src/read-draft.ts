import { htmlToText } from '@phiguard/attachments/html';
import { parseAddressList, type Attachment, type ComposeRecipient, type Draft, type OrgProfile } from '@phiguard/core';
import type { Host } from './host.js';

type MessagePart = GoogleAppsScript.Gmail.Schema.MessagePart;

/** Where the compose window is, as the compose trigger tells it (draftAccess METADATA). */
export interface ComposeContext {
  readonly threadId?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
}

/** An attachment of the saved draft, with where to fetch its content. */
export interface DraftAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly data?: string | number[];
  readonly attachmentId?: string;
}

export type DraftRead =
  | {
      readonly status: 'found';
      readonly draftId: string;
      readonly messageId: string;
      readonly threadId?: string;
      readonly draft: Draft;
      readonly recipients: ComposeRecipient[];
      readonly attachments: readonly DraftAttachment[];
      readonly inReplyTo?: string;
      readonly references?: string;
    }
  | { readonly status: 'not_saved' };

/** How many of the newest drafts are compared with the compose window. */
export const DRAFTS_COMPARED = 10;

/**
 * The compose window's text, read from its autosaved draft: the trigger gives add-ons recipients
 * only. The draft is the newest one in the same thread (for replies) whose To, Cc and Bcc equal
 * the window's; none means Gmail has not saved the draft yet (or it changed since), and the user
 * is asked to check again in a moment.
 */
export function readDraft(host: Pick<Host, 'gmail' | 'decodeText'>, context: ComposeContext, org: OrgProfile): DraftRead {
  const wanted = recipientKey(context.to, context.cc, context.bcc);
  for (const listed of host.gmail.listDrafts(DRAFTS_COMPARED)) {
    if (!listed.id) continue;
    if (context.threadId && listed.message?.threadId && listed.message.threadId !== context.threadId) continue;
    const meta = host.gmail.getDraft(listed.id, 'metadata');
    const headers = headerMap(meta.message?.payload);
    if (recipientKey([headers.get('to') ?? ''], [headers.get('cc') ?? ''], [headers.get('bcc') ?? '']) !== wanted) continue;
    return fromFullDraft(host, listed.id, host.gmail.getDraft(listed.id, 'full'), org);
  }
  return { status: 'not_saved' };
}

function fromFullDraft(host: Pick<Host, 'decodeText'>, draftId: string, full: GoogleAppsScript.Gmail.Schema.Draft, org: OrgProfile): DraftRead {
  const message = full.message ?? {};
  const headers = headerMap(message.payload);
  const parts = { plain: [] as string[], html: [] as string[], attachments: [] as DraftAttachment[] };
  if (message.payload) collect(host, message.payload, parts);
  const body = parts.plain.length > 0 ? parts.plain.join('\n') : htmlToText(parts.html.join('\n'));
  // Text attachments are read here; the rest (PDF, Office, images) go to the service to be read (check.ts).
  const attachments: Attachment[] = parts.attachments.flatMap((a) =>
    isText(a) && a.data !== undefined ? [{ name: a.name, contentType: a.contentType, text: host.decodeText(a.data, 'utf-8') }] : [],
  );
  const recipients = (['to', 'cc', 'bcc'] as const).flatMap((type) => parseAddressList(headers.get(type) ?? '', type));
  return {
    status: 'found',
    draftId,
    messageId: message.id ?? '',
    ...(message.threadId ? { threadId: message.threadId } : {}),
    draft: { subject: headers.get('subject') ?? '', body, attachments, org },
    recipients,
    attachments: parts.attachments,
    ...(headers.has('in-reply-to') ? { inReplyTo: headers.get('in-reply-to')! } : {}),
    ...(headers.has('references') ? { references: headers.get('references')! } : {}),
  };
}

function collect(host: Pick<Host, 'decodeText'>, part: MessagePart, out: { plain: string[]; html: string[]; attachments: DraftAttachment[] }): void {
  const type = (part.mimeType ?? 'application/octet-stream').toLowerCase();
  const data = part.body?.data as string | number[] | undefined;
  if (part.filename) {
    out.attachments.push({
      name: part.filename,
      contentType: type,
      ...(data !== undefined && data.length > 0 ? { data } : {}),
      ...(part.body?.attachmentId ? { attachmentId: part.body.attachmentId } : {}),
    });
  } else if (type.startsWith('multipart/')) {
    for (const child of part.parts ?? []) collect(host, child, out);
  } else if (data !== undefined && (type === 'text/plain' || type === 'text/html')) {
    const text = host.decodeText(data, charsetOf(headerMap(part).get('content-type')));
    (type === 'text/plain' ? out.plain : out.html).push(text);
  }
}

/** An attachment's content as base64, fetched by its id when the draft holds only that. */
export function attachmentBase64(host: Pick<Host, 'gmail' | 'toBase64'>, read: { readonly messageId: string }, attachment: DraftAttachment): string {
  const data = attachment.data ?? (host.gmail.getAttachment(read.messageId, attachment.attachmentId ?? '').data as string | number[] | undefined);
  return host.toBase64(data ?? '');
}

/** Read here rather than by the service. */
export function isText(attachment: DraftAttachment): boolean {
  return attachment.contentType.startsWith('text/');
}

function headerMap(part: MessagePart | undefined): Map<string, string> {
  return new Map((part?.headers ?? []).map((h) => [(h.name ?? '').toLowerCase(), h.value ?? '']));
}

function charsetOf(contentType: string | undefined): string {
  return /charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
}

/** To, Cc and Bcc (each a list of address lists) as one comparable key: addresses lower-cased, sorted. */
function recipientKey(to: readonly string[], cc: readonly string[], bcc: readonly string[]): string {
  return JSON.stringify([to, cc, bcc].map((field) => [...new Set(field.flatMap((list) => parseAddressList(list).map((r) => r.address)))].sort()));
}

