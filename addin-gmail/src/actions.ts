import {
  applyFixes,
  countKinds,
  decide,
  justificationAccepted,
  mayOverride,
  PORTAL_NOTICE_HEADER,
  REASON_MESSAGES,
  ServiceError,
  toView,
  type ClientAuditEvent,
  type FixView,
} from '@phiguard/core';
import { recordEvent } from './audit.js';
import { errorCard, notSavedCard, overrideRecordedCard, resultCard, sentCard, type ActionParams } from './cards.js';
import { checkCompose, type GmailChecked } from './check.js';
import { gmailUnavailable } from './fix-availability.js';
import type { Host } from './host.js';
import { noticeMessage } from './mime.js';
import { attachmentBase64, type ComposeContext } from './read-draft.js';
import type { GmailServiceClient } from './service-client.js';

type Card = GoogleAppsScript.Card_Service.Card;
type Event = GoogleAppsScript.Addons.EventObject;
export type ActionResult = Card | GoogleAppsScript.Card_Service.ActionResponse | GoogleAppsScript.Card_Service.UpdateDraftActionResponse;

/** The compose window's thread and recipients: live from the event, else as the card carried them. */
export function composeContext(event: Event): ComposeContext {
  const carried = parseContext(event.commonEventObject?.parameters?.['context']);
  const gmail = event.gmail;
  const live = gmail && (gmail.toRecipients || gmail.ccRecipients || gmail.bccRecipients);
  return {
    ...(gmail?.threadId ? { threadId: gmail.threadId } : carried.threadId ? { threadId: carried.threadId } : {}),
    to: live ? (gmail.toRecipients ?? []) : carried.to,
    cc: live ? (gmail.ccRecipients ?? []) : carried.cc,
    bcc: live ? (gmail.bccRecipients ?? []) : carried.bcc,
  };
}

function parseContext(text: string | undefined): ComposeContext {
  try {
    const value = JSON.parse(text ?? '{}') as Partial<Record<'threadId' | 'to' | 'cc' | 'bcc', unknown>>;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { ...(typeof value.threadId === 'string' ? { threadId: value.threadId } : {}), to: list(value.to), cc: list(value.cc), bcc: list(value.bcc) };
  } catch {
    return { to: [], cc: [], bcc: [] };
  }
}

/** Every button carries the compose context, so an action can read the same draft again. */
function baseParams(context: ComposeContext): ActionParams {
  return { context: JSON.stringify(context) };
}

/** The compose trigger and "Check again": read the draft, check it, show the result. */
export function checkCard(host: Host, client: GmailServiceClient, context: ComposeContext): Card {
  const outcome = checkCompose(host, client, context);
  if (outcome.status === 'not_saved') return notSavedCard(baseParams(context));
  const { checked } = outcome;
  if (checked.decision.action !== 'allow') recordEvent(host, client, auditEvent(host, checked, 'warning_shown'));
  return resultCardFor(host, checked, context);
}

function resultCardFor(host: Host, checked: GmailChecked, context: ComposeContext): Card {
  const view = toView(checked, { policy: checked.policy, user: host.userEmail(), unavailable: gmailUnavailable(checked.online) });
  return resultCard(view, { base: baseParams(context), fixParams: (fix) => fixParams(checked, fix) });
}

/** What each fix's button sends: the edit itself, computed from the draft the user is looking at. */
function fixParams(checked: GmailChecked, { fix }: FixView): ActionParams | undefined {
  switch (fix.type) {
    case 'neutral_subject':
      return { do: 'subject', subject: fix.subject };
    case 'mask':
      return fix.field === 'subject' ? { do: 'subject', subject: applyFixes(checked.draft, [fix]).subject ?? '' } : undefined;
    case 'add_disclaimer':
      return { do: 'disclaimer', text: fix.text };
    case 'remove_recipient':
      return { do: 'remove', address: fix.address };
    case 'apply_protection':
      return fix.method === 'portal' ? { do: 'send_securely' } : undefined;
  }
}

/** Card buttons: one entry point, routed by the `do` parameter. */
export function handleAction(host: Host, client: GmailServiceClient, event: Event): ActionResult {
  const params = event.commonEventObject?.parameters ?? {};
  const context = composeContext(event);
  switch (params['do']) {
    case 'subject':
      return draftUpdate().setUpdateDraftSubjectAction(CardService.newUpdateDraftSubjectAction().addUpdateSubject(params['subject'] ?? '')).build();
    case 'disclaimer':
      return draftUpdate()
        .setUpdateDraftBodyAction(
          CardService.newUpdateDraftBodyAction()
            .addUpdateContent(`\n\n${params['text'] ?? ''}`, CardService.ContentType.TEXT)
            // INSERT_AT_END exists in Apps Script (reference: UpdateDraftBodyType); the typings know only IN_PLACE_INSERT.
            .setUpdateType((CardService.UpdateDraftBodyType as unknown as Record<string, GoogleAppsScript.Card_Service.UpdateDraftBodyType>)['INSERT_AT_END']!),
        )
        .build();
    case 'remove':
      return removeRecipient(context, params['address'] ?? '');
    case 'send_securely':
      return navigate(sendSecurely(host, client, context));
    case 'override':
      return navigate(override(host, client, context, justificationOf(event)));
    case 'check':
    default:
      return navigate(checkCard(host, client, context));
  }
}

function draftUpdate(): GoogleAppsScript.Card_Service.UpdateDraftActionResponseBuilder {
  return CardService.newUpdateDraftActionResponseBuilder();
}

function navigate(card: Card): GoogleAppsScript.Card_Service.ActionResponse {
  return CardService.newActionResponseBuilder().setNavigation(CardService.newNavigation().updateCard(card)).build();
}

/** Gmail sets a whole recipient field at once, so the field is rewritten without the address. */
function removeRecipient(context: ComposeContext, address: string): GoogleAppsScript.Card_Service.UpdateDraftActionResponse {
  const target = address.toLowerCase();
  const keep = (list: readonly string[]) => list.filter((entry) => !entry.toLowerCase().includes(target));
  const builder = draftUpdate();
  if (context.to.some((e) => e.toLowerCase().includes(target))) builder.setUpdateDraftToRecipientsAction(CardService.newUpdateDraftToRecipientsAction().addUpdateToRecipients(keep(context.to)));
  if (context.cc.some((e) => e.toLowerCase().includes(target))) builder.setUpdateDraftCcRecipientsAction(CardService.newUpdateDraftCcRecipientsAction().addUpdateCcRecipients(keep(context.cc)));
  if (context.bcc.some((e) => e.toLowerCase().includes(target))) builder.setUpdateDraftBccRecipientsAction(CardService.newUpdateDraftBccRecipientsAction().addUpdateBccRecipients(keep(context.bcc)));
  return builder.build();
}

function justificationOf(event: Event): string {
  return event.commonEventObject?.formInputs?.['justification']?.stringInputs?.value?.[0] ?? '';
}

/**
 * Send securely: the draft as it is saved now goes to the portal; the draft is replaced by the
 * pickup notice (neutral subject, link, no PHI) and sent to the same recipients.
 */
function sendSecurely(host: Host, client: GmailServiceClient, context: ComposeContext): Card {
  const outcome = checkCompose(host, client, context);
  if (outcome.status === 'not_saved') return notSavedCard(baseParams(context));
  const { checked } = outcome;
  const { read } = checked;
  if (read.recipients.length === 0) return errorCard('This draft has no recipients yet.', 'Add who it is for, wait for Gmail to save, then send securely.', { ...baseParams(context), do: 'check' });
  const stillBlocked = blockedEvenSecurely(checked);
  if (stillBlocked.length > 0) {
    return errorCard('Sending securely does not fix this message.', stillBlocked.join(' '), { ...baseParams(context), do: 'check' });
  }
  let stored;
  try {
    const attachments = read.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      data: attachmentBase64(host, read, a),
    }));
    stored = client.createPortalMessage({
      subject: checked.draft.subject ?? '',
      text: checked.draft.body ?? '',
      recipients: read.recipients.map((r) => r.address),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
  } catch (error) {
    if (error instanceof ServiceError) {
      return errorCard('Send securely needs the PHI Guard service, which cannot be reached.', 'Do not send this message as it is. Try again in a minute; if it keeps failing, contact IT.', {
        ...baseParams(context),
        do: 'send_securely',
      });
    }
    throw error;
  }
  const byType = (type: 'to' | 'cc' | 'bcc') => read.recipients.filter((r) => r.type === type).map((r) => r.address);
  const raw = noticeMessage(
    {
      to: byType('to'),
      cc: byType('cc'),
      bcc: byType('bcc'),
      subject: stored.notice.subject,
      text: stored.notice.text,
      html: stored.notice.html,
      ...(read.inReplyTo ? { inReplyTo: read.inReplyTo } : {}),
      ...(read.references ? { references: read.references } : {}),
      headers: { [PORTAL_NOTICE_HEADER.name]: PORTAL_NOTICE_HEADER.value },
    },
    `phiguard_${host.newId().replace(/[^A-Za-z0-9]/g, '')}`,
    (text) => host.encodeRaw(text),
  );
  host.gmail.replaceAndSend(read.draftId, host.encodeRaw(raw), read.threadId);
  recordEvent(host, client, { ...auditEvent(host, checked, 'protection_applied'), protection: 'portal' });
  return sentCard(read.recipients.length, stored.expiresAt);
}

/**
 * What would still block the message once it goes through the portal, in the user's words: decide
 * again with the portal applied. The subject is sealed in the portal too (the notice has the
 * neutral one), so a subject leak is not among them; a blocked or lookalike recipient is.
 */
function blockedEvenSecurely(checked: GmailChecked): string[] {
  const secured = decide(checked.scan, checked.recipients, 'portal', checked.policy);
  const codes = new Set(secured.reasons.filter((r) => r.action === 'block' && r.code !== 'phi_in_subject').map((r) => r.code));
  return [...codes].map((code) => REASON_MESSAGES[code]);
}

/** Sending anyway, where the policy lets this user: the justification is checked, then recorded. */
function override(host: Host, client: GmailServiceClient, context: ComposeContext, justification: string): Card {
  const outcome = checkCompose(host, client, context);
  if (outcome.status === 'not_saved') return notSavedCard(baseParams(context));
  const { checked } = outcome;
  const retry = { ...baseParams(context), do: 'check' };
  if (!checked.decision.overridable || !mayOverride(checked.policy, { address: host.userEmail() })) {
    return errorCard('The policy does not allow sending this message as it is.', 'Use the fixes or Send securely.', retry);
  }
  if (checked.decision.justificationRequired && !justificationAccepted(checked.policy, justification)) {
    return errorCard(
      `Please say why in at least ${checked.policy.overrides.justificationMinLength} characters.`,
      'Your reason is kept in the audit log for the privacy officer.',
      retry,
    );
  }
  const text = justification.trim().replace(/\s+/g, ' ');
  recordEvent(host, client, { ...auditEvent(host, checked, 'override'), ...(text === '' ? {} : { justification: text }) });
  return overrideRecordedCard(baseParams(context));
}

/** Counts and codes, never content. */
function auditEvent(host: Host, checked: GmailChecked, kind: ClientAuditEvent['kind']): ClientAuditEvent {
  return {
    clientEventId: host.newId(),
    time: host.now().toISOString(),
    kind,
    client: 'gmail',
    recipients: checked.recipients.map((r) => r.address.toLowerCase()),
    phiKinds: countKinds(checked.scan.findings),
    action: checked.decision.action,
    reasonCodes: checked.decision.reasons.map((r) => r.code),
  };
}
