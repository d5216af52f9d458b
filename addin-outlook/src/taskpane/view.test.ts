import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY, parsePolicy, REASON_MESSAGES, type Policy, type RecipientInput } from '@phiguard/core';
import { checkDraft } from './check.js';
import { demoSource } from './demo-source.js';
import { toView } from './view.js';

function policy(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error('bad test policy');
  return result.policy;
}

const CLINIC = policy({
  organisation: { name: 'City Clinic', domains: ['cityclinic.example'] },
  protection: { accepted: ['portal', 'pgp', 'gateway'], gateway: { label: 'Encrypt' } },
  overrides: { allowed: ['phi_external', 'first_time_recipient'], justificationMinLength: 20 },
});
const BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';

async function viewOf(draft: { to: string; subject: string; body: string }, options: { policy?: Policy; facts?: Record<string, Partial<RecipientInput>>; online?: boolean; user?: string } = {}) {
  const p = options.policy ?? CLINIC;
  const client = {
    lookup: async (recipients: ReadonlyArray<{ address: string }>) =>
      new Map(recipients.map((r) => [r.address, { address: r.address, tls: 'unknown' as const, warnings: [], lookup: 'ok' as const, type: 'to' as const, ...options.facts?.[r.address] }])),
  };
  const checked = await checkDraft({ source: demoSource({ to: { value: draft.to }, subject: { value: draft.subject }, body: { value: draft.body } }), policy: p, client });
  return toView(checked, { policy: p, online: options.online ?? true, ...(options.user ? { user: options.user } : {}) });
}

describe('task pane view', () => {
  it('puts the subject leak first and loud, and shows each finding under its field with the text it matched', async () => {
    const view = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY });
    expect(view.action).toBe('block');
    expect(view.headline).toBe('Blocked: fix before sending');
    expect(view.reasons[0]).toMatchObject({ code: 'phi_in_subject', loud: true, text: REASON_MESSAGES.phi_in_subject });
    expect(view.reasons.slice(1).every((r) => !r.loud)).toBe(true);
    expect(view.findings.map((g) => g.title)).toEqual(['Subject', 'Message']);
    expect(view.findings[0]!.items).toContainEqual(expect.objectContaining({ text: 'Maria Gonzalez', kind: 'Name' }));
    expect(view.findings[1]!.items).toContainEqual(expect.objectContaining({ text: '531-72-0846', kind: 'SSN' }));
    expect(view.findings.flatMap((g) => g.items).every((i) => i.why !== '')).toBe(true);
  });

  it('shows each recipient: classification, status, what protects them, lookup warnings and consent', async () => {
    const view = await viewOf(
      { to: 'dr.patel@elsewhere.example, nurse@cityclinic.example', subject: 'Follow-up', body: BODY },
      { facts: { 'dr.patel@elsewhere.example': { pgp: true, firstTime: true, consent: true } } },
    );
    const outside = view.recipients.find((r) => r.address === 'dr.patel@elsewhere.example')!;
    expect(outside).toMatchObject({ classification: 'External', status: 'Needs secure sending' });
    expect(outside.notes).toEqual(expect.arrayContaining(['Can be reached by secure portal', 'Has OpenPGP key', 'Consent on file', 'First email to this address']));
    expect(view.recipients.find((r) => r.address === 'nurse@cityclinic.example')).toMatchObject({ classification: 'Internal', status: 'OK' });
  });

  it('offers the fixes in the core order, with the ones the pane cannot apply marked and explained', async () => {
    const view = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY }, { online: false });
    expect(view.fixes.map((f) => f.label)).toEqual([
      'Use a neutral subject: “Secure message from City Clinic”',
      'Mask SSN as ***-**-0846',
      'Add disclaimer',
      'Send securely through the portal',
    ]);
    expect(view.fixes.find((f) => f.key === 'protect:portal')?.unavailable).toMatch(/service/);
    expect(view.fixes.filter((f) => f.key !== 'protect:portal').every((f) => f.unavailable === undefined)).toBe(true);
  });

  it('a gateway set up with a sensitivity label offers to apply it', async () => {
    const gatewayFirst = policy({ organisation: { domains: ['cityclinic.example'] }, protection: { accepted: ['gateway'], gateway: { label: 'Encrypt' } } });
    const gateway = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY }, { policy: gatewayFirst });
    expect(gateway.fixes.find((f) => f.key === 'protect:gateway')).toMatchObject({ label: 'Apply the sensitivity label “Encrypt”' });
    expect(gateway.fixes.find((f) => f.key === 'protect:gateway')?.unavailable).toBeUndefined();
  });

  it('offers OpenPGP encryption when the service, which has the recipients’ keys, can be reached', async () => {
    const pgpOnly = policy({ organisation: { domains: ['cityclinic.example'] }, protection: { accepted: ['pgp'] } });
    const draft = { to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY };
    const facts = { 'dr.patel@elsewhere.example': { pgp: true } };
    const online = await viewOf(draft, { policy: pgpOnly, facts });
    expect(online.fixes.find((f) => f.key === 'protect:pgp')).toMatchObject({ label: 'Encrypt with OpenPGP' });
    expect(online.fixes.find((f) => f.key === 'protect:pgp')?.unavailable).toBeUndefined();
    const offline = await viewOf(draft, { policy: pgpOnly, facts, online: false });
    expect(offline.fixes.find((f) => f.key === 'protect:pgp')?.unavailable).toMatch(/service/);
  });

  it('offers an override with the policy’s justification length only when the decision allows one', async () => {
    const overridable = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY });
    expect(overridable.override).toEqual({ justificationRequired: true, minLength: 20 });
    const subjectLeak = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Results for Maria Gonzalez', body: BODY });
    expect(subjectLeak.override).toBeUndefined();
    const clean = await viewOf({ to: 'dr.patel@elsewhere.example', subject: 'Lunch', body: 'Noon on Tuesday?' }, { policy: DEFAULT_POLICY });
    expect([clean.headline, clean.override, clean.fixes]).toEqual(['Ready to send', undefined, []]);
  });

  it('offers no override to a user the policy does not list', async () => {
    const listed = policy({ organisation: { domains: ['cityclinic.example'] }, overrides: { allowed: ['phi_external'], by: 'listed', addresses: ['privacy@cityclinic.example'] } });
    const draft = { to: 'dr.patel@elsewhere.example', subject: 'Follow-up', body: BODY };
    expect((await viewOf(draft, { policy: listed, user: 'dr.lee@cityclinic.example' })).override).toBeUndefined();
    expect((await viewOf(draft, { policy: listed, user: 'privacy@cityclinic.example' })).override).toBeDefined();
  });
});
