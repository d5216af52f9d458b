/** What the add-on sends instead of the draft: the portal's pickup notice, to the same people. */
export interface NoticeMessage {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Keeps a reply in its thread (RFC 5322 In-Reply-To and References). */
  readonly inReplyTo?: string;
  readonly references?: string;
  /** Extra header lines, e.g. the marker the admin's DLP rules let through. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The notice as an RFC 5322 message for the Gmail API: multipart/alternative, UTF-8 parts in
 * base64, non-ASCII subject as an RFC 2047 encoded word. Gmail adds From, Date and Message-ID.
 * `base64` encodes UTF-8 text (Utilities in Apps Script).
 */
export function noticeMessage(message: NoticeMessage, boundary: string, base64: (text: string) => string): string {
  const lines = [
    ...addressHeader('To', message.to),
    ...addressHeader('Cc', message.cc),
    ...addressHeader('Bcc', message.bcc),
    `Subject: ${encodeWord(message.subject, base64)}`,
    ...(message.inReplyTo ? [`In-Reply-To: ${oneLine(message.inReplyTo)}`] : []),
    ...(message.references ? [`References: ${oneLine(message.references)}`] : []),
    ...Object.entries(message.headers ?? {}).map(([name, value]) => `${name}: ${oneLine(value)}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    part(boundary, 'text/plain', message.text, base64),
    part(boundary, 'text/html', message.html, base64),
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}

function addressHeader(name: string, addresses: readonly string[]): string[] {
  return addresses.length === 0 ? [] : [`${name}: ${addresses.map(oneLine).join(', ')}`];
}

function part(boundary: string, type: string, body: string, base64: (text: string) => string): string {
  const encoded = base64(body).replace(/.{1,76}/g, '$&\r\n').trimEnd();
  return [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', encoded].join('\r\n');
}

/** Header values never carry line breaks: no header injection from a subject or an address. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function encodeWord(text: string, base64: (text: string) => string): string {
  const clean = oneLine(text);
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${base64(clean)}?=`;
}
