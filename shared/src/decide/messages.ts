import type { AttachmentProblem } from '../draft.js';
import type { FixType } from '../fix/fix.js';
import type { Decision } from './decision.js';
import type { ReasonCode } from './reasons.js';

/** What the user reads for each reason: one short, actionable sentence or two. */
export const REASON_MESSAGES: Record<ReasonCode, string> = {
  phi_in_subject: 'The subject line names a patient. Use a neutral subject.',
  phi_unprotected: 'This email has patient information and is not protected. Send it securely.',
  phi_recipient_blocked: 'Policy does not allow patient information to some recipients. Remove them or the PHI.',
  phi_in_attachment: 'An attachment has patient information. Send securely or remove it.',
  identifiers_only: 'Patient identifiers are leaving the organisation. Mask them or send securely.',
  lookalike_domain: 'A recipient domain imitates one you know. Check the address.',
  first_time_recipient: 'First email to this outside address. Check it is right.',
  consent_missing: 'No consent on file to email this patient. Remove them or record consent.',
  service_unavailable: 'Recipients could not be checked. Try again in a minute or contact IT.',
  no_protection_method: 'A recipient cannot receive any approved secure method. Remove them.',
  no_common_protection: 'Recipients need different secure methods. Send separate emails.',
  attachment_uninspectable: 'An attachment could not be checked (encrypted, damaged or too large). Send securely or remove it.',
};

/** Why an attachment could not be inspected, in words a user can act on. */
export const ATTACHMENT_PROBLEM_TEXT: Record<AttachmentProblem, string> = {
  encrypted: 'Encrypted or password-protected',
  too_large: 'Too large to inspect',
  too_many_pages: 'Too many pages to inspect',
  too_many_entries: 'Holds too many files to inspect',
  decompression_limit: 'Unpacks to more than can be inspected',
  image_too_large: 'Image too large to read',
  malformed: 'Damaged, or not the type its name says',
  unsupported: 'A file type PHI Guard cannot read',
  timeout: 'Took too long to inspect',
  ocr_unavailable: 'Text in images cannot be read here',
  scan_unavailable: 'Could not be sent to PHI Guard to be inspected',
};

/** Button labels for fixes. */
export const FIX_LABELS: Record<FixType, string> = {
  neutral_subject: 'Use a neutral subject',
  mask: 'Mask',
  add_disclaimer: 'Add disclaimer',
  apply_protection: 'Send securely',
  remove_recipient: 'Remove recipient',
};

/** Outlook Smart Alerts cut the on-send message at 500 characters. */
export const ON_SEND_MESSAGE_LIMIT = 500;

/** The on-send message: the reasons' text, strictest first, whole sentences only, within the limit. */
export function onSendMessage(decision: Decision): string {
  let out = '';
  for (const reason of decision.reasons) {
    const next = out ? `${out} ${REASON_MESSAGES[reason.code]}` : REASON_MESSAGES[reason.code];
    if (next.length > ON_SEND_MESSAGE_LIMIT) break;
    out = next;
  }
  return out;
}
