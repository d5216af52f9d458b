import sanitizeHtml from 'sanitize-html';
import type { PortalContent, PortalMessageInfo, PortalReply } from './model.js';

/** Markup that is already safe: built by `html` or cleaned by `cleanMessageHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Part = SafeHtml | string | number | undefined | null | false | readonly Part[];

/** A template whose every interpolated value is escaped, unless it is SafeHtml (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  const render = (value: Part): string =>
    value instanceof SafeHtml
      ? value.value
      : Array.isArray(value)
        ? value.map(render).join('')
        : value === undefined || value === null || value === false
          ? ''
          : escapeHtml(String(value));
  return new SafeHtml(strings.reduce((out, text, i) => out + render(values[i - 1] as Part) + text));
}

/** Only data: images of raster types: nothing is fetched from the network, and no SVG. */
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/=\s]+$/i;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'mark',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'hr',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
    'a', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  exclusiveFilter: (frame) => frame.tag === 'img' && !INLINE_IMAGE.test(frame.attribs.src ?? ''),
};

/**
 * The sender's HTML, reduced to formatting: no script, style, frame, form or event handler, links
 * to http(s)/mailto only (opening apart, without referrer), images only when embedded.
 */
export function cleanMessageHtml(source: string): SafeHtml {
  return new SafeHtml(sanitizeHtml(source, SANITIZE_OPTIONS));
}

/** Longest reply a recipient can send. */
export const MAX_REPLY_CHARS = 5_000;

/** Where a page's links and forms point. */
export interface PageContext {
  /** The message's pickup path, `/portal/m/<token>`. */
  readonly linkPath: string;
  readonly stylesheet: string;
}

function layout(ctx: Pick<PageContext, 'stylesheet'>, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · PHI Guard secure message</title>
<link rel="stylesheet" href="${ctx.stylesheet}">
</head>
<body>
<header class="bar"><span>PHI Guard</span><span>Secure message</span></header>
<main>
${body}
</main>
<footer><p>This page holds protected information. Close it when you are done, and do not forward the link.</p></footer>
</body>
</html>
`.value;
}

function addressForm(ctx: PageContext, error?: string): SafeHtml {
  return html`<form method="post" action="${ctx.linkPath}/passcode">
<label for="address">Your email address</label>
<input id="address" name="address" type="email" autocomplete="email" required maxlength="320"${error ? html` aria-invalid="true" aria-describedby="address-error"` : ''}>
<button type="submit">Send me a passcode</button>
</form>`;
}

/** Asks for the address the message was sent to. */
export function startPage(ctx: PageContext, options: { invalidAddress?: boolean } = {}): string {
  return layout(
    ctx,
    'Open your secure message',
    html`<h1>Open your secure message</h1>
${options.invalidAddress ? html`<p class="notice error" id="address-error" role="alert">Enter an email address, like name@example.com.</p>` : ''}
<p>Someone sent you a message through PHI Guard secure messaging. To read it, enter the email address it was sent to. We will email you a one-time passcode.</p>
${addressForm(ctx, options.invalidAddress ? 'invalid' : undefined)}`,
  );
}

/**
 * Asks for the code. Worded the same whether or not the address is a recipient; with
 * `codeNotAccepted`, the code was wrong, expired or already used (which is not said).
 */
export function passcodePage(ctx: PageContext, options: { address: string; minutes: number; codeNotAccepted?: boolean }): string {
  const { address, minutes, codeNotAccepted } = options;
  return layout(
    ctx,
    'Enter your passcode',
    html`<h1>Enter your passcode</h1>
${
  codeNotAccepted
    ? html`<p class="notice error" id="code-error" role="alert">That passcode did not work. Check the newest passcode email, or ask for a new passcode. Passcodes expire after ${minutes} minutes and work once.</p>`
    : html`<p class="notice" role="status">If this message was sent to <strong>${address}</strong>, we have just emailed a 6-digit passcode there. It expires in ${minutes} minutes.</p>`
}
<form method="post" action="${ctx.linkPath}/verify">
<input type="hidden" name="address" value="${address}">
<label for="code">Passcode</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required${codeNotAccepted ? html` aria-invalid="true" aria-describedby="code-error"` : ''}>
<button type="submit">Open message</button>
</form>
<div class="actions">
<form class="inline" method="post" action="${ctx.linkPath}/passcode"><input type="hidden" name="address" value="${address}"><button type="submit" class="secondary">Send a new passcode</button></form>
<a href="${ctx.linkPath}">Use a different email address</a>
</div>`,
  );
}

export function lockedPage(ctx: PageContext, minutes: number): string {
  return layout(
    ctx,
    'Too many wrong passcodes',
    html`<h1>Too many wrong passcodes</h1>
<p class="notice error" role="alert">For your security, this message is locked for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.</p>
<p>After that, ask for a new passcode and enter it. If you did not try to open this message, tell the sender.</p>
<p><a href="${ctx.linkPath}">Back to the start</a></p>`,
  );
}

export type UnavailableReason = 'expired' | 'recalled' | 'deleted' | 'not_found';

const UNAVAILABLE: Record<UnavailableReason, { title: string; text: string }> = {
  expired: {
    title: 'This message has expired',
    text: 'The sender made this message available for a limited time, and that time has passed. If you still need it, contact the sender.',
  },
  recalled: {
    title: 'This message was withdrawn',
    text: 'The sender withdrew this message, so it can no longer be opened. If you need it, contact the sender.',
  },
  deleted: {
    title: 'This message is no longer available',
    text: 'This message has been deleted. If you need it, contact the sender.',
  },
  not_found: {
    title: 'We can’t find this message',
    text: 'Check that you opened the whole link from the email. If it still does not work, contact the sender.',
  },
};

/** Expired, recalled, deleted (410) or never existed (404): the link leads nowhere. */
export function unavailablePage(ctx: Pick<PageContext, 'stylesheet'>, reason: UnavailableReason): string {
  const { title, text } = UNAVAILABLE[reason];
  return layout(ctx, title, html`<h1>${title}</h1>\n<p>${text}</p>`);
}

export type ProblemReason = 'bad_request' | 'forbidden' | 'rate_limited' | 'internal';

const PROBLEMS: Record<ProblemReason, { title: string; text: string }> = {
  bad_request: { title: 'This request could not be read', text: 'Go back to the message page and try again from there.' },
  forbidden: { title: 'This request was refused', text: 'Go back to the message page and try again from there.' },
  rate_limited: { title: 'Too many attempts', text: 'Wait a few minutes, then try again.' },
  internal: { title: 'Something went wrong', text: 'We could not complete this request. Try again in a few minutes.' },
};

export function problemPage(ctx: Pick<PageContext, 'stylesheet'>, reason: ProblemReason): string {
  const { title, text } = PROBLEMS[reason];
  return layout(ctx, title, html`<h1>${title}</h1>\n<p>${text}</p>`);
}

export interface MessageView {
  readonly info: PortalMessageInfo;
  readonly content: PortalContent;
  readonly replies: readonly PortalReply[];
  /** Who is signed in. */
  readonly address: string;
  /** Right after the recipient sent a reply. */
  readonly replied?: boolean;
}

/** The message, its attachments and replies, and a reply form. */
export function messagePage(ctx: PageContext, view: MessageView): string {
  const { info, content, replies, address, replied } = view;
  const subject = content.subject.trim() || '(no subject)';
  const files = content.attachments.map(
    (file, index) =>
      html`<li><a href="${ctx.linkPath}/attachments/${index}">${file.name}</a> <span class="small">${formatSize(Buffer.byteLength(file.data, 'base64'))}</span></li>`,
  );
  const thread = replies.map(
    (reply) =>
      html`<li><p class="small"><strong>${reply.author}</strong> · ${time(reply.createdAt)}</p><div class="text">${reply.text}</div></li>`,
  );
  return layout(
    ctx,
    subject,
    html`${replied ? html`<p class="notice ok" role="status">Your reply was sent.</p>` : ''}
<h1>${subject}</h1>
<dl class="meta">
<dt>From</dt><dd>${info.sender}</dd>
<dt>To</dt><dd>${address}</dd>
<dt>Sent</dt><dd>${time(info.createdAt)}</dd>
<dt>Available until</dt><dd>${time(info.expiresAt)}</dd>
</dl>
<section class="body" aria-label="Message">
${content.html !== undefined ? cleanMessageHtml(content.html) : html`<div class="text">${content.text}</div>`}
</section>
${files.length > 0 ? html`<h2>Attachments</h2>\n<ul class="files">${files}</ul>` : ''}
<h2>Replies</h2>
${thread.length > 0 ? html`<ol class="replies">${thread}</ol>` : html`<p class="small">No replies yet.</p>`}
<form method="post" action="${ctx.linkPath}/reply">
<label for="reply">Reply to ${info.sender}</label>
<textarea id="reply" name="text" rows="6" maxlength="${MAX_REPLY_CHARS}" required aria-describedby="reply-note"></textarea>
<p class="small" id="reply-note">Your reply stays in secure messaging; the sender reads it in PHI Guard.</p>
<div class="actions"><button type="submit">Send reply</button></div>
</form>
<form method="post" action="${ctx.linkPath}/logout"><div class="actions"><button type="submit" class="secondary">Sign out</button></div></form>`,
  );
}

function time(iso: string): SafeHtml {
  const text = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  return html`<time datetime="${iso}">${text} UTC</time>`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
