import { beforeAll, describe, expect, it } from '@jest/globals';
import { parsePolicy, type Policy, type ResolvedFix } from '@phiguard/core';
import * as openpgp from 'openpgp';
import { encryptText } from '../pgp/encrypt.js';
import type { OpenPgpKeys, PortalMessageInput } from '../service/client.js';
import { applyFix, FixError } from './apply-fix.js';
import { checkDraft } from './check.js';
import { fakeHost } from '../testing/fake-host.js';
import { demoSource } from './demo-source.js';
import { outlookSource } from './outlook-source.js';

const parsed = parsePolicy({
  organisation: { name: 'City Clinic', domains: ['cityclinic.example'] },
  protection: { accepted: ['gateway', 'portal'], gateway: { header: { name: 'x-cityclinic-encrypt', value: 'true' } } },
});
if (!parsed.ok) throw new Error('bad test policy');
const POLICY: Policy = parsed.policy;
const BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';

function demoDraft(subject = 'Results for Maria Gonzalez', to = 'Dr. Anil Patel <dr.patel@elsewhere.example>, nurse@cityclinic.example') {
  const fields = { to: { value: to }, subject: { value: subject }, body: { value: BODY } };
  return { fields, source: demoSource(fields) };
}

/** A client for the portal tests: the OpenPGP keys are not asked for there. */
const noKeys = async (): Promise<OpenPgpKeys> => ({ keys: [], missing: [] });

/** Applies the first fix of this type that the check offers. */
async function fix(source: ReturnType<typeof demoSource>, type: ResolvedFix['type']) {
  const checked = await checkDraft({ source, policy: POLICY });
  const chosen = checked.fixes.find((f) => f.type === type);
  if (!chosen) throw new Error(`no ${type} fix offered`);
  return applyFix(chosen, { source, checked, policy: POLICY });
}

describe('applying a fix to the draft', () => {
  it('the neutral subject, a mask and the disclaimer change only their own text', async () => {
    const { fields, source } = demoDraft();
    await fix(source, 'neutral_subject');
    expect(fields.subject.value).toBe('Secure message from City Clinic');
    expect(fields.body.value).toBe(BODY);
    await fix(source, 'mask');
    expect(fields.body.value).toContain('SSN ***-**-0846');
    await fix(source, 'add_disclaimer');
    expect(fields.body.value).toMatch(/\n\nCONFIDENTIAL/);
    expect((await checkDraft({ source, policy: POLICY })).fixes.map((f) => f.type)).not.toContain('add_disclaimer');
  });

  it('the gateway header, once set, counts as the message’s protection', async () => {
    const { source } = demoDraft('Follow-up');
    expect((await checkDraft({ source, policy: POLICY })).decision.action).toBe('encrypt');
    expect(await fix(source, 'apply_protection')).toBe('gateway');
    expect(await source.internetHeader('X-CityClinic-Encrypt')).toBe('true');
    const after = await checkDraft({ source, policy: POLICY });
    expect([after.applied, after.decision.action]).toEqual(['gateway', 'allow']);
  });

  it('the portal stores the draft for every recipient and leaves only the pickup notice in the email', async () => {
    const portalFirst = parsePolicy({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] }, protection: { accepted: ['portal'] } });
    if (!portalFirst.ok) throw new Error('bad test policy');
    const { fields, source } = demoDraft('Follow-up');
    const sent: PortalMessageInput[] = [];
    const client = {
      openPgpKeys: noKeys,
      createPortalMessage: async (message: PortalMessageInput) => {
        sent.push(message);
        return { id: 'm1', expiresAt: '2026-01-01T00:00:00Z', link: 'https://pg.example/portal/m/t', notice: { subject: 'Secure message from City Clinic', text: 'Open it here: https://pg.example/portal/m/t', html: '' } };
      },
    };
    const checked = await checkDraft({ source, policy: portalFirst.policy });
    const portal = checked.fixes.find((f) => f.type === 'apply_protection')!;
    expect(await applyFix(portal, { source, checked, policy: portalFirst.policy, client })).toBe('portal');
    expect(sent).toEqual([{ subject: 'Follow-up', text: BODY, recipients: ['dr.patel@elsewhere.example', 'nurse@cityclinic.example'] }]);
    expect([fields.subject.value, fields.body.value]).toEqual(['Secure message from City Clinic', 'Open it here: https://pg.example/portal/m/t']);
  });

  it('the portal without the service, or a method the pane cannot apply, fails with a reason and leaves the draft alone', async () => {
    const { fields, source } = demoDraft('Follow-up');
    const checked = await checkDraft({ source, policy: POLICY });
    await expect(applyFix({ type: 'apply_protection', method: 'portal', recipients: [] }, { source, checked, policy: POLICY })).rejects.toMatchObject({ code: 'service_unreachable' });
    const down = { createPortalMessage: () => Promise.reject(new Error('down')), openPgpKeys: noKeys };
    await expect(applyFix({ type: 'apply_protection', method: 'portal', recipients: [] }, { source, checked, policy: POLICY, client: down })).rejects.toBeInstanceOf(FixError);
    await expect(applyFix({ type: 'apply_protection', method: 'smime', recipients: [] }, { source, checked, policy: POLICY })).rejects.toMatchObject({ code: 'not_available' });
    expect([fields.subject.value, fields.body.value]).toEqual(['Follow-up', BODY]);
  });

  it('removing a recipient takes them off the To line and keeps the others as written', async () => {
    const { fields, source } = demoDraft('Follow-up');
    const checked = await checkDraft({ source, policy: POLICY });
    await applyFix({ type: 'remove_recipient', address: 'dr.patel@elsewhere.example', reasons: ['lookalike_domain'] }, { source, checked, policy: POLICY });
    expect(fields.to.value).toBe('nurse@cityclinic.example');
  });
});

describe('encrypting the message with OpenPGP', () => {
  const PGP: ResolvedFix = { type: 'apply_protection', method: 'pgp', recipients: [] };
  const people = ['dr.patel@elsewhere.example', 'nurse@cityclinic.example'] as const;
  const pairs = new Map<string, { publicKey: string; privateKey: openpgp.PrivateKey; fingerprint: string }>();
  beforeAll(async () => {
    for (const email of people) {
      const { publicKey, privateKey } = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email }], format: 'object' });
      pairs.set(email, { publicKey: publicKey.armor(), privateKey, fingerprint: publicKey.getFingerprint().toUpperCase() });
    }
  });

  /** The service's key lookup, answering from `pairs` for the addresses listed in `withKeys`. */
  function keyService(withKeys: readonly string[]) {
    const asked: string[][] = [];
    const client = {
      createPortalMessage: () => Promise.reject(new Error('not in this test')),
      openPgpKeys: async (addresses: readonly string[]): Promise<OpenPgpKeys> => {
        asked.push([...addresses]);
        const found = addresses.filter((a) => withKeys.includes(a));
        return {
          keys: found.map((address) => ({ address, fingerprint: pairs.get(address)!.fingerprint, armored: pairs.get(address)!.publicKey, source: 'registry' as const })),
          missing: addresses.filter((a) => !found.includes(a)),
        };
      },
    };
    return { client, asked };
  }

  async function encrypt(client: ReturnType<typeof keyService>['client'] | undefined) {
    const { fields, source } = demoDraft('Follow-up');
    const checked = await checkDraft({ source, policy: POLICY });
    const applied = await applyFix(PGP, { source, checked, policy: POLICY, ...(client ? { client } : {}), pgp: async () => ({ encryptText }) }).catch((error: unknown) => error);
    return { fields, applied };
  }

  it('with a key for every recipient, the body becomes one armored message each of them decrypts to the original', async () => {
    const { client, asked } = keyService(people);
    const { fields, applied } = await encrypt(client);
    expect(applied).toBe('pgp');
    expect(asked).toEqual([[...people]]);
    expect(fields.subject.value).toBe('Follow-up');
    expect(fields.body.value).toMatch(/^-----BEGIN PGP MESSAGE-----\n[\s\S]+-----END PGP MESSAGE-----\n$/);
    expect(fields.body.value).not.toContain('Gonzalez');
    for (const email of people) {
      const message = await openpgp.readMessage({ armoredMessage: fields.body.value });
      expect((await openpgp.decrypt({ message, decryptionKeys: pairs.get(email)!.privateKey })).data).toBe(BODY);
    }
  });

  it('when a recipient has no key, says how many and points to the portal, leaving the body as it was', async () => {
    const { fields, applied } = await encrypt(keyService(['dr.patel@elsewhere.example']).client);
    expect(applied).toBeInstanceOf(FixError);
    expect(applied).toMatchObject({ code: 'not_available', message: expect.stringMatching(/^1 recipient has no OpenPGP key.*secure portal/) });
    expect(fields.body.value).toBe(BODY);
  });

  it('without the service, or when it fails, nothing is encrypted', async () => {
    const offline = await encrypt(undefined);
    expect(offline.applied).toMatchObject({ code: 'service_unreachable' });
    expect(offline.fields.body.value).toBe(BODY);
    const failing = await encrypt({ ...keyService(people).client, openPgpKeys: () => Promise.reject(new Error('down')) });
    expect(failing.applied).toMatchObject({ code: 'service_unreachable' });
    expect(failing.fields.body.value).toBe(BODY);
  });
});

describe('the gateway through a sensitivity label', () => {
  const labelled = parsePolicy({
    organisation: { name: 'City Clinic', domains: ['cityclinic.example'] },
    protection: { accepted: ['gateway'], gateway: { label: 'Confidential - Encrypt' } },
  });
  const policy: Policy = labelled.ok ? labelled.policy : (undefined as never);
  const draft = { subject: 'Follow-up', body: BODY, to: [{ address: 'dr.patel@elsewhere.example' }] };

  async function protectIn(host: ReturnType<typeof fakeHost>) {
    const globals = globalThis as { Office?: unknown };
    globals.Office = host.Office;
    try {
      const office = host.Office as { context: { mailbox: { item: never }; sensitivityLabelsCatalog?: Office.SensitivityLabelsCatalog } };
      const source = outlookSource(office.context.mailbox.item, office.context.sensitivityLabelsCatalog);
      const checked = await checkDraft({ source, policy });
      const gateway = checked.fixes.find((f) => f.type === 'apply_protection')!;
      const applied = await applyFix(gateway, { source, checked, policy }).catch((error: unknown) => error);
      return { applied, after: await checkDraft({ source, policy }) };
    } finally {
      delete globals.Office;
    }
  }

  it("applies the organisation's label by name, and the draft then counts as protected", async () => {
    const host = fakeHost(draft, { labels: { General: 'lbl-1', 'Confidential - Encrypt': 'lbl-9' } });
    const { applied, after } = await protectIn(host);
    expect(applied).toBe('gateway');
    expect(host.label.id).toBe('lbl-9');
    expect(after.applied).toBe('gateway');
    expect(after.decision.action).toBe('allow');
  });

  it('says what to do by hand where Outlook offers no label catalog', async () => {
    const { applied } = await protectIn(fakeHost(draft));
    expect(applied).toBeInstanceOf(FixError);
    expect((applied as FixError).message).toContain('Confidential - Encrypt');
  });
});
