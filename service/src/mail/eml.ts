import type { Attachment, Draft } from '@phiguard/core';
import {
  simpleParser,
  type AddressObject,
  type Attachment as MailAttachment,
  type EmailAddress,
  type HeaderLines,
  type StructuredHeader,
} from 'mailparser';
import { decodeText } from './decode-text.js';
import { DraftReadError } from './errors.js';

/** A draft read from a file, with the addresses it is going to. */
export interface ParsedMessage {
  readonly draft: Draft;
  /** To, Cc and Bcc addresses, in header order. */
  readonly recipients: string[];
}

/** Attachment names that are plain text whatever content type the sender gave them. */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.csv', '.md']);

/** The Draft schema's limit on attachment names and content types. */
const MAX_NAME_LENGTH = 255;

/**
 * Reads an RFC 5322 message into a Draft. The parser decodes MIME, quoted-printable, base64,
 * charsets and encoded-word subjects, and converts HTML to text when there is no text part.
 * Text-like attachments get their decoded text; others keep only name and content type.
 */
export async function parseEml(source: Buffer | string): Promise<ParsedMessage> {
  const mail = await simpleParser(source, {
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
  }).catch((cause: unknown) => {
    throw new DraftReadError('eml_unparsable', { cause });
  });
  if (!hasHeaders(mail.headerLines)) throw new DraftReadError('eml_not_a_message');
  if (mail.textConversionError) throw new DraftReadError('eml_html_unconvertible', { cause: mail.textConversionError });
  return {
    draft: {
      subject: mail.subject ?? '',
      body: mail.text ?? '',
      attachments: mail.attachments.map(toAttachment),
    },
    recipients: [mail.to, mail.cc, mail.bcc].flatMap(addressesOf),
  };
}

/** The parser takes any bytes; a text file saved as .eml shows up as header lines without a name. */
function hasHeaders(lines: HeaderLines): boolean {
  return lines.length > 0 && lines.every((line) => line.key !== '');
}

function toAttachment(part: MailAttachment, index: number): Attachment {
  const name = (part.filename ?? `attachment-${index + 1}`).slice(0, MAX_NAME_LENGTH);
  const contentType = part.contentType.slice(0, MAX_NAME_LENGTH);
  if (!isTextLike(contentType, name)) return { name, contentType };
  return { name, contentType, text: decodeText(part.content, charsetOf(part)) };
}

function isTextLike(contentType: string, name: string): boolean {
  const dot = name.lastIndexOf('.');
  return contentType.toLowerCase().startsWith('text/') || (dot >= 0 && TEXT_EXTENSIONS.has(name.slice(dot).toLowerCase()));
}

function charsetOf(part: MailAttachment): string | undefined {
  // mailparser always parses Content-Type into a StructuredHeader (see its HeaderValue docs).
  const header = part.headers.get('content-type') as StructuredHeader | undefined;
  return header?.params['charset'];
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  if (header === undefined) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((h) => h.value.flatMap(mailboxes));
}

function mailboxes(entry: EmailAddress): string[] {
  if (entry.group) return entry.group.flatMap(mailboxes);
  return entry.address ? [entry.address] : [];
}
