import { neutralSubject, type Policy } from '@phiguard/core';

export interface PickupNoticeInput {
  readonly policy: Policy;
  /** The pickup link with its token. */
  readonly link: string;
  readonly expiresAt: Date;
  /** Who sent it, as the recipient knows them (a clinician's name, not the patient's). */
  readonly senderName?: string;
}

export interface PickupNotice {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Dates in the notice: unambiguous in every locale, and in UTC so every recipient reads the same instant. */
const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/**
 * The email that tells a recipient a secure message is waiting. It travels in clear, so it holds
 * no PHI: the policy's neutral subject, who sent it, the link and the expiry, never the original
 * subject or any content.
 */
export function pickupNotice(input: PickupNoticeInput): PickupNotice {
  const subject = neutralSubject(input.policy);
  const org = input.policy.organisation.name;
  const from = [input.senderName, org].filter((part) => part !== undefined && part.trim() !== '').join(' at ');
  const opening = from === '' ? 'You have a secure message.' : `You have a secure message from ${from}.`;
  const expiry = `${EXPIRY_FORMAT.format(input.expiresAt)} UTC`;
  const passcode = 'When you open the link, a one-time passcode is emailed to you; enter it to read the message.';
  const expires = `The link works until ${expiry}.`;
  const text = [opening, '', 'Open it here:', input.link, '', passcode, expires, ''].join('\n');
  const html = [
    `<p>${escapeHtml(opening)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">Open the secure message</a></p>`,
    `<p>${escapeHtml(passcode)}<br>${escapeHtml(expires)}</p>`,
  ].join('\n');
  return { subject, text, html };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
