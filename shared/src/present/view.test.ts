import { describe, expect, it } from '@jest/globals';
import { decide } from '../decide/decide.js';
import { REASON_MESSAGES } from '../decide/messages.js';
import type { RecipientInput } from '../decide/recipient.js';
import { scan } from '../detect/scan.js';
import { resolveFixes } from '../fix/apply.js';
import { DEFAULT_POLICY } from '../policy/default.js';
import { toOrgProfile } from '../policy/org-profile.js';
import type { Policy } from '../policy/schema.js';
import { toView, type ViewOptions } from './view.js';
import { policyOf as policy } from '../decide/testing.js';

const CLINIC = policy({
  organisation: { name: 'City Clinic', domains: ['cityclinic.example'] },
  protection: { accepted: ['portal', 'pgp', 'gateway'], gateway: { label: 'Encrypt' } },
  overrides: { allowed: ['phi_external', 'first_time_recipient'], justificationMinLength: 20 },
});
const BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';

/** Scans and decides the draft as any host does, with the lookup's answer for each address. */
function viewOf(
  draft: { to: string; subject: string; body: string },
  options: { policy?: Policy; facts?: Record<string, Partial<RecipientInput>>; unavailable?: ViewOptions['unavailable']; user?: string } = {},
) {
  const p = options.policy ?? CLINIC;
  const parsed = { subject: draft.subject, body: draft.body, org: toOrgProfile(p) };
  const result = scan(parsed);
  const recipients: RecipientInput[] = draft.to.split(',').map((a) => ({ address: a.trim(), type: 'to', ...options.facts?.[a.trim()] }));
  const decision = decide(result, recipients, 'none', p);
  const checked = { draft: parsed, recipients, scan: result, decision, fixes: resolveFixes(parsed, decision.fixes) };
  return toView(checked, { policy: p, ...(options.unavailable ? { unavailable: options.unavailable } : {}), ...(options.user ? { user: options.user } : {}) });
}

describe('what a host shows for a check', () => {
  it('puts the subject leak first and loud, and shows each finding under its field with the text it matched', () => {
    const view = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY });
    expect(view.action).toBe('block');
    expect(view.headline).toBe('Blocked: fix before sending');
    expect(view.reasons[0]).toMatchObject({ code: 'phi_in_subject', loud: true, text: REASON_MESSAGES.phi_in_subject });
    expect(view.reasons.slice(1).every((r) => !r.loud)).toBe(true);
    expect(view.findings.map((g) => g.title)).toEqual(['Subject', 'Message']);
    expect(view.findings[0]!.items).toContainEqual(expect.objectContaining({ text: 'Maria Gonzalez', kind: 'Name' }));
    expect(view.findings[1]!.items).toContainEqual(expect.objectContaining({ text: '531-72-0846', kind: 'SSN' }));
    expect(view.findings.flatMap((g) => g.items).every((i) => i.why !== '')).toBe(true);
  });

  it('shows each recipient: classification, status, what protects them, lookup warnings and consent', () => {
    const view = viewOf(
      { to: 'dr.patel@elsewhere.example, nurse@cityclinic.example', subject: 'Follow-up', body: BODY },
      { facts: { 'dr.patel@elsewhere.example': { pgp: true, firstTime: true, consent: true } } },
    );
    const outside = view.recipients.find((r) => r.address === 'dr.patel@elsewhere.example')!;
    expect(outside).toMatchObject({ classification: 'External', status: 'Needs secure sending' });
    expect(outside.notes).toEqual(expect.arrayContaining(['Can be reached by secure portal', 'Has OpenPGP key', 'Consent on file', 'First email to this address']));
    expect(view.recipients.find((r) => r.address === 'nurse@cityclinic.example')).toMatchObject({ classification: 'Internal', status: 'OK' });
  });

  it('offers the fixes in the core order, with the ones the host cannot apply marked and explained', () => {
    const unavailable = (fix: { type: string }) => (fix.type === 'apply_protection' ? 'Needs the PHI Guard service, which cannot be reached.' : undefined);
    const view = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY }, { unavailable });
    expect(view.fixes.map((f) => f.label)).toEqual([
      'Use a neutral subject: “Secure message from City Clinic”',
      'Mask SSN as ***-**-0846',
      'Add disclaimer',
      'Send securely through the portal',
    ]);
    expect(view.fixes.find((f) => f.key === 'protect:portal')?.unavailable).toMatch(/service/);
    expect(view.fixes.filter((f) => f.key !== 'protect:portal').every((f) => f.unavailable === undefined)).toBe(true);
  });

  it('a gateway set up with a sensitivity label offers to apply it', () => {
    const gatewayFirst = policy({ organisation: { domains: ['cityclinic.example'] }, protection: { accepted: ['gateway'], gateway: { label: 'Encrypt' } } });
    const gateway = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY }, { policy: gatewayFirst });
    expect(gateway.fixes.find((f) => f.key === 'protect:gateway')).toMatchObject({ label: 'Apply the sensitivity label “Encrypt”' });
    expect(gateway.fixes.find((f) => f.key === 'protect:gateway')?.unavailable).toBeUndefined();
  });

  it('offers OpenPGP encryption to recipients with a key', () => {
    const pgpOnly = policy({ organisation: { domains: ['cityclinic.example'] }, protection: { accepted: ['pgp'] } });
    const view = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY }, { policy: pgpOnly, facts: { 'dr.patel@elsewhere.example': { pgp: true } } });
    expect(view.fixes.find((f) => f.key === 'protect:pgp')).toMatchObject({ label: 'Encrypt with OpenPGP' });
  });

  it('offers an override with the policy’s justification length only when the decision allows one', () => {
    const overridable = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY });
    expect(overridable.override).toEqual({ justificationRequired: true, minLength: 20 });
    const subjectLeak = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY });
    expect(subjectLeak.override).toBeUndefined();
    const clean = viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Lunch', body: 'Noon on Tuesday?' }, { policy: DEFAULT_POLICY });
    expect([clean.headline, clean.override, clean.fixes]).toEqual(['Ready to send', undefined, []]);
  });

  it('names the attachment and page of each attachment finding, and lists attachments it could not look into with why', () => {
    const draft = {
      subject: 'Follow-up',
      body: 'Please see the attached.',
      attachments: [
        { name: 'referral.pdf', page: 1, text: 'Referral' },
        { name: 'referral.pdf', page: 2, text: BODY },
        { name: 'archive.zip/labs.pdf', uninspectable: 'encrypted' as const },
        { name: 'scan.tiff', uninspectable: 'ocr_unavailable' as const },
      ],
      org: toOrgProfile(CLINIC),
    };
    const result = scan(draft);
    const recipients: RecipientInput[] = [{ address: 'dr.patel@elsewhere.example' }];
    const decision = decide(result, recipients, 'none', CLINIC);
    const view = toView({ draft, recipients, scan: result, decision, fixes: resolveFixes(draft, decision.fixes) }, { policy: CLINIC });
    expect(view.findings.map((g) => g.title)).toEqual(['Attachment referral.pdf, page 2', 'Attachment archive.zip/labs.pdf', 'Attachment scan.tiff']);
    expect(view.findings[0]!.items).toContainEqual(expect.objectContaining({ text: '531-72-0846', kind: 'SSN' }));
    expect(view.findings[1]!.items).toEqual([{ text: 'Encrypted or password-protected', kind: 'Not inspected', why: expect.stringMatching(/could not look inside/) }]);
    expect(view.findings[2]!.items[0]!.text).toBe('Text in images cannot be read here');
    expect(view.detail).toBe(`${result.findings.length} findings, 1 recipient, 2 attachments not inspected`);
    expect(view.reasons.map((r) => r.code)).toContain('attachment_uninspectable');
  });

  it('offers no override to a user the policy does not list', () => {
    const listed = policy({ organisation: { domains: ['cityclinic.example'] }, overrides: { allowed: ['phi_external'], by: 'listed', addresses: ['privacy@cityclinic.example'] } });
    const draft = { to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY };
    expect((viewOf(draft, { policy: listed, user: 'dr.lee@cityclinic.example' })).override).toBeUndefined();
    expect((viewOf(draft, { policy: listed, user: 'privacy@cityclinic.example' })).override).toBeDefined();
  });
});
