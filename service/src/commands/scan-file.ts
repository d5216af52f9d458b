import { basename } from 'node:path';
import type { Attachment, Draft } from '@phiguard/core';
import { detectFormat } from '@phiguard/attachments';
import { simpleParser } from 'mailparser';
import type { Extractor } from '../attachments/extractor.js';
import { readAttachment } from '../attachments/read-attachment.js';
import { decodeText } from '../mail/decode-text.js';
import { parseTextDraft, readBytes } from '../mail/draft-file.js';
import { parseEml, type ParsedMessage } from '../mail/eml.js';

/**
 * A file given to `phi-guard scan`, as a draft. What it is comes from its content: a saved
 * message is a whole draft (subject, body, attachments), a .txt file a body; anything else is one
 * attachment, read by the extractor (each page or inner file a part, the unreadable ones marked).
 * Throws DraftReadError when the file itself cannot be read.
 */
export async function readScanFile(path: string, extractor: Pick<Extractor, 'extract'>): Promise<Draft> {
  const bytes = await readBytes(path);
  const name = basename(path);
  const format = detectFormat(bytes, name);
  if (format === 'eml') return extractAttachments(bytes, await parseEml(bytes), extractor);
  if (format === 'text' && /\.txt$/i.test(name)) return parseTextDraft(decodeText(bytes));
  return { subject: '', body: '', attachments: await readAttachment({ name, data: bytes }, extractor) };
}

/** The message as parseEml reads it, with the attachments it had no text for read by the extractor. */
async function extractAttachments(bytes: Buffer, message: ParsedMessage, extractor: Pick<Extractor, 'extract'>): Promise<Draft> {
  const attachments = message.draft.attachments ?? [];
  if (attachments.every((a) => a.text !== undefined)) return message.draft;
  // parseEml keeps no content; the same parser, on the same bytes, lists the attachments in the same order.
  const mail = await simpleParser(bytes, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true, checksumAlgo: false });
  const out: Attachment[] = [];
  for (const [i, attachment] of attachments.entries()) {
    const content = mail.attachments[i]?.content;
    if (attachment.text !== undefined || content === undefined) out.push(attachment);
    else out.push(...(await readAttachment({ name: attachment.name, ...(attachment.contentType === undefined ? {} : { contentType: attachment.contentType }), data: content }, extractor)));
  }
  return { ...message.draft, attachments: out };
}
