import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { onCardAction, onGmailCompose, onGmailHomepage } from './main.js';
import { cardButtons, cardTexts } from './testing/fake-card-service.js';
import { FakeGmail } from './testing/fake-gmail.js';
import { withAppsScript } from './testing/stand-in.js';
import { policyOf as policy } from '../../shared/src/decide/testing.js';

const CLINIC = policy({
  organisation: { name: 'City Clinic', domains: ['cityclinic.example'] },
  overrides: { allowed: ['phi_external'], justificationMinLength: 20 },
});
const OUTSIDE = 'dr.patel@elsewhere.example';
const PHI_BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';

type Event = GoogleAppsScript.Addons.EventObject;
/** The compose trigger's event (recipients from draftAccess METADATA); `to: undefined` for a button's event that carries them itself. */
const composeEvent = (to: string[] | undefined, extra: { threadId?: string; parameters?: Record<string, string>; justification?: string } = {}) =>
  ({
    commonEventObject: {
      hostApp: 'GMAIL',
      platform: 'WEB',
      parameters: extra.parameters ?? {},
      formInputs: extra.justification === undefined ? {} : { justification: { stringInputs: { value: [extra.justification] } } },
    },
    ...(to ? { gmail: { toRecipients: to, ccRecipients: [], bccRecipients: [], ...(extra.threadId ? { threadId: extra.threadId } : {}) } } : {}),
  }) as unknown as Event;

/** The card an action answered with (navigation → updateCard). */
const updatedCard = (response: unknown) => ((response as { navigation?: { updateCard?: unknown } }).navigation?.updateCard ?? response) as Record<string, unknown>;
const texts = (card: unknown) => cardTexts(card).join('\n');
const buttonFor = (card: unknown, text: RegExp) => cardButtons(card).find((b) => text.test(b.text));

describe('Gmail compose check', () => {
  it('a PHI draft naming the patient in the subject, to an outside doctor: blocked until fixed, with what was found and the fixes, and the warning recorded', () => {
    withAppsScript({ policy: CLINIC }, ({ gmail, service }) => {
      gmail.addDraft({ to: `Dr Patel <${OUTSIDE}>`, subject: 'Lab results for Maria Gonzalez', text: PHI_BODY });
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/Blocked: fix before sending/);
      expect(texts(card)).toContain('531-72-0846');
      expect(texts(card)).toMatch(/does not let add-ons stop the Send button/);
      expect(buttonFor(card, /neutral subject/)?.parameters).toMatchObject({ do: 'subject', subject: 'Secure message from City Clinic' });
      expect(buttonFor(card, /Send securely/)?.parameters).toMatchObject({ do: 'send_securely' });
      const audit = service.received.filter((r) => r.path === '/v1/audit/events');
      expect(audit).toHaveLength(1);
      const event = (audit[0]!.body as { events: Array<Record<string, unknown>> }).events[0]!;
      expect(event).toMatchObject({ kind: 'warning_shown', client: 'gmail', recipients: [OUTSIDE], action: 'block' });
      expect(JSON.stringify(event)).not.toMatch(/Maria|531-72-0846|diabetes/);
      expect(audit[0]!.authorization).toBe('Bearer test-token');
    });
  });

  it('a clean draft is ready to send and leaves nothing in the audit log', () => {
    withAppsScript({ policy: CLINIC }, ({ gmail, service }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Lunch', text: 'Noon on Tuesday?' });
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/Ready to send/);
      expect(cardButtons(card).map((b) => b.text)).toEqual(['Check again']);
      expect(service.received.some((r) => r.path === '/v1/audit/events')).toBe(false);
    });
  });

  it('before Gmail has saved the draft, it says so and offers to check again', () => {
    withAppsScript({ policy: CLINIC }, ({ gmail }) => {
      gmail.addDraft({ to: 'someone.else@elsewhere.example', subject: 'Other', text: PHI_BODY });
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/has not saved this draft yet/);
      const again = buttonFor(card, /Check again/)!;
      expect(JSON.parse(again.parameters['context']!)).toMatchObject({ to: [OUTSIDE] });
    });
  });

  it('reads the draft of the reply being written, not another draft to the same person', () => {
    withAppsScript({ policy: CLINIC }, ({ gmail }) => {
      gmail.addDraft({ to: OUTSIDE, threadId: 'thread-a', subject: 'Re: schedule', text: 'Tuesday works.' });
      gmail.addDraft({ to: OUTSIDE, threadId: 'thread-b', subject: 'Re: results', text: PHI_BODY });
      expect(texts(onGmailCompose(composeEvent([OUTSIDE], { threadId: 'thread-a' })))).toMatch(/Ready to send/);
      expect(texts(onGmailCompose(composeEvent([OUTSIDE], { threadId: 'thread-b' })))).toMatch(/Send this securely|Blocked/);
    });
  });

  it('when the service cannot be reached, the closed fail mode holds PHI and Send securely is unavailable', () => {
    withAppsScript({ policy: CLINIC, down: true }, ({ gmail }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Follow-up', text: PHI_BODY });
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/Recipients could not be checked/);
      expect(texts(card)).toMatch(/Needs the PHI Guard service/);
      expect(buttonFor(card, /Send securely/)).toBeUndefined();
    });
  });

  it('a PDF the service reads holds PHI: the card says so by attachment; unreadable, the closed fail mode holds it', () => {
    const attachments = [{ name: 'referral.pdf', contentType: 'application/pdf', content: PHI_BODY, separate: true }];
    withAppsScript({ policy: CLINIC }, ({ gmail, service }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Referral', text: 'Please see the attached letter.', attachments });
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/Attachment referral\.pdf/);
      expect(texts(card)).toContain('531-72-0846');
      const sent = service.received.find((r) => r.path === '/v1/scan/attachments')!.body as { attachments: Array<{ name: string; data: string }> };
      expect(sent.attachments.map((a) => a.name)).toEqual(['referral.pdf']);
    });
    withAppsScript({ policy: CLINIC, failing: ['/v1/scan/attachments'] }, ({ gmail }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Referral', text: 'Please see the attached letter.', attachments });
      expect(texts(onGmailCompose(composeEvent([OUTSIDE])))).toMatch(/An attachment could not be checked/);
    });
  });

  it('errors become a card with a next step', () => {
    const gmail = new FakeGmail();
    gmail.failWith = 'Request had insufficient authentication scopes.';
    withAppsScript({ policy: CLINIC, gmail }, () => {
      const card = onGmailCompose(composeEvent([OUTSIDE]));
      expect(texts(card)).toMatch(/missing a Gmail permission/);
      gmail.failWith = 'Internal error';
      expect(texts(onGmailCompose(composeEvent([OUTSIDE])))).toMatch(/could not check this draft.*\n.*contact IT/s);
    });
  });

  it('outside a compose window, the homepage says what PHI Guard does and what Gmail does not allow', () => {
    withAppsScript({ policy: CLINIC }, () => {
      expect(texts(onGmailHomepage())).toMatch(/Open it from the compose window[\s\S]*stop the Send button/);
    });
  });
});

describe('Gmail fixes', () => {
  it('sets a neutral subject, adds the disclaimer at the end, and removes a recipient from its field', () => {
    withAppsScript({ policy: CLINIC }, () => {
      const context = JSON.stringify({ to: [OUTSIDE, 'nurse@cityclinic.example'], cc: ['x@lookalike.example'], bcc: [] });
      const subject = onCardAction(composeEvent(undefined, { parameters: { context, do: 'subject', subject: 'Secure message from City Clinic' } }));
      expect(subject).toMatchObject({ updateDraftSubjectAction: { type: 'UpdateDraftSubjectAction', updateSubjects: ['Secure message from City Clinic'] } });
      const disclaimer = onCardAction(composeEvent(undefined, { parameters: { context, do: 'disclaimer', text: 'Confidential.' } }));
      expect(disclaimer).toMatchObject({ updateDraftBodyAction: { updateContents: [['\n\nConfidential.', 'TEXT']], updateType: 'INSERT_AT_END' } });
      const removed = onCardAction(composeEvent(undefined, { parameters: { context, do: 'remove', address: 'x@lookalike.example' } })) as unknown as Record<string, unknown>;
      expect(removed).toMatchObject({ updateDraftCcRecipientsAction: { updateCcRecipients: [[]] } });
      expect(removed['updateDraftToRecipientsAction']).toBeUndefined();
    });
  });
});

describe('Send securely', () => {
  it('keeps the draft on the portal and sends the pickup notice, with no PHI, to the same people in the same thread', async () => {
    const sent = withAppsScript({ policy: CLINIC }, ({ gmail, service }) => {
      gmail.addDraft({
        to: OUTSIDE,
        cc: 'nurse@cityclinic.example',
        threadId: 'thread-9',
        subject: 'Lab results for Maria Gonzalez',
        text: PHI_BODY,
        headers: { 'In-Reply-To': '<orig@mail.example>' },
        attachments: [{ name: 'labs.csv', contentType: 'text/csv', content: 'name,ssn\nMaria Gonzalez,531-72-0846\n', separate: true }],
      });
      const context = JSON.stringify({ threadId: 'thread-9', to: [OUTSIDE], cc: ['nurse@cityclinic.example'], bcc: [] });
      const card = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'send_securely' } })));
      expect(texts(card)).toMatch(/secure portal and a pickup notice went to 2 recipients/);
      const stored = service.received.find((r) => r.path === '/v1/messages')!.body as Record<string, unknown>;
      expect(stored).toMatchObject({ subject: 'Lab results for Maria Gonzalez', text: PHI_BODY, recipients: [OUTSIDE, 'nurse@cityclinic.example'] });
      expect(Buffer.from((stored['attachments'] as Array<{ data: string }>)[0]!.data, 'base64').toString()).toContain('531-72-0846');
      const events = service.received.filter((r) => r.path === '/v1/audit/events').flatMap((r) => (r.body as { events: Array<{ kind: string; protection?: string }> }).events);
      expect(events).toContainEqual(expect.objectContaining({ kind: 'protection_applied', protection: 'portal' }));
      expect(gmail.sent).toHaveLength(1);
      return gmail.sent[0]!;
    });
    expect(sent.threadId).toBe('thread-9');
    const raw = Buffer.from(sent.raw, 'base64url').toString('utf8');
    const notice = await simpleParser(raw);
    expect(notice.subject).toBe('Secure message from City Clinic');
    expect(notice.text).toContain('https://phiguard.cityclinic.example/portal/m/tok123');
    expect(notice.headers.get('x-phi-guard-notice')).toBe('portal');
    expect(notice.inReplyTo).toBe('<orig@mail.example>');
    expect(raw).not.toMatch(/Maria|531-72-0846|diabetes/);
  });

  it('is refused when the message would still be blocked through the portal, such as to a lookalike domain', () => {
    withAppsScript({ policy: CLINIC, facts: { [OUTSIDE]: { lookalikeOf: 'elsewhere.example.org' } } }, ({ gmail, service }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Lab results for Maria Gonzalez', text: PHI_BODY });
      const context = JSON.stringify({ to: [OUTSIDE], cc: [], bcc: [] });
      const card = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'send_securely' } })));
      expect(texts(card)).toMatch(/Sending securely does not fix this message[\s\S]*imitates one you know/);
      expect(service.received.some((r) => r.path === '/v1/messages')).toBe(false);
      expect(gmail.sent).toEqual([]);
    });
  });

  it('when the portal cannot take the message, nothing is sent and the user is told not to send it as it is', () => {
    withAppsScript({ policy: CLINIC, failing: ['/v1/messages'] }, ({ gmail }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Follow-up', text: PHI_BODY });
      const context = JSON.stringify({ to: [OUTSIDE], cc: [], bcc: [] });
      const card = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'send_securely' } })));
      expect(texts(card)).toMatch(/needs the PHI Guard service[\s\S]*Do not send this message as it is/);
      expect(cardButtons(card).find((b) => b.text === 'Try again')?.parameters).toMatchObject({ do: 'send_securely' });
      expect(gmail.sent).toEqual([]);
    });
  });

  it('when the service cannot be reached, recipients cannot be checked, so nothing is sent and the user is told why', () => {
    withAppsScript({ policy: CLINIC, down: true }, ({ gmail }) => {
      gmail.addDraft({ to: OUTSIDE, subject: 'Follow-up', text: PHI_BODY });
      const context = JSON.stringify({ to: [OUTSIDE], cc: [], bcc: [] });
      const card = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'send_securely' } })));
      expect(texts(card)).toMatch(/Sending securely does not fix this message[\s\S]*Recipients could not be checked/);
      expect(gmail.sent).toEqual([]);
    });
  });
});

describe('Sending as it is', () => {
  const draft = { to: OUTSIDE, subject: 'Follow-up', text: PHI_BODY };
  const context = JSON.stringify({ to: [OUTSIDE], cc: [], bcc: [] });

  it('needs the policy’s length of justification, then records it in the audit log', () => {
    withAppsScript({ policy: CLINIC }, ({ gmail, service }) => {
      gmail.addDraft(draft);
      const offered = onGmailCompose(composeEvent([OUTSIDE]));
      expect(buttonFor(offered, /Record and send as it is/)).toBeDefined();
      const short = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'override' }, justification: 'urgent' })));
      expect(texts(short)).toMatch(/at least 20 characters/);
      const reason = 'Patient asked for results by plain email, consent on paper';
      const done = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'override' }, justification: reason })));
      expect(texts(done)).toMatch(/recorded in the audit log/);
      const events = service.received.filter((r) => r.path === '/v1/audit/events').flatMap((r) => (r.body as { events: Array<Record<string, unknown>> }).events);
      expect(events.filter((e) => e['kind'] === 'override')).toEqual([expect.objectContaining({ justification: reason, client: 'gmail' })]);
    });
  });

  it('is not offered to a user the policy does not list, and refused if asked anyway', () => {
    const listed = policy({ organisation: { domains: ['cityclinic.example'] }, overrides: { allowed: ['phi_external'], by: 'listed', addresses: ['privacy@cityclinic.example'] } });
    withAppsScript({ policy: listed, user: 'dr.lee@cityclinic.example' }, ({ gmail }) => {
      gmail.addDraft(draft);
      expect(buttonFor(onGmailCompose(composeEvent([OUTSIDE])), /Record and send/)).toBeUndefined();
      const refused = updatedCard(onCardAction(composeEvent(undefined, { parameters: { context, do: 'override' }, justification: 'x'.repeat(40) })));
      expect(texts(refused)).toMatch(/does not allow sending this message as it is/);
    });
  });
});
