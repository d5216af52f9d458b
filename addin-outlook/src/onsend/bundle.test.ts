// The built on-send script in a bare V8 context, as Outlook's JavaScript-only runtime runs it: no
// DOM, no modules, only Office.js (faked), fetch and timers — against the real service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { DEFAULT_POLICY, parsePolicy, REASON_MESSAGES, type Policy } from '@phiguard/core';
import { loadDevKey, signDevToken } from '../../../service/src/auth/dev-issuer.js';
import { configFrom } from '../../../service/src/config.js';
import { captureLogs } from '../../../service/src/http/testing.js';
import { startTestDns, type TestDns } from '../../../service/src/net/testing.js';
import { startServer, type RunningServer } from '../../../service/src/server.js';
import { onSendBuild } from '../../scripts/build-options.js';
import { OUTBOX_SETTING } from '../audit/outbox.js';
import { POLICY_SETTING } from '../service/policy-cache.js';
import { SERVICE_URL_PLACEHOLDER } from '../service/url.js';
import { fakeOffice, type FakeDraft } from '../testing/fake-office.js';
import { ON_SEND_FUNCTION } from '../names.js';
import { OVERRIDE_KEY } from '../override.js';
import { pdfWith } from '../../../attachments/src/testing/fixtures.js';
import { CHECK_FAILED_MESSAGE } from './check.js';

const policyResult = parsePolicy({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] } });
const POLICY: Policy = policyResult.ok ? policyResult.policy : DEFAULT_POLICY;
const SENDER = 'dr.lee@cityclinic.example';
const PHI: Pick<FakeDraft, 'subject' | 'body'> = {
  subject: 'Follow-up',
  body: 'Patient Maria Gonzalez, SSN 531-72-0846, was diagnosed with type 2 diabetes; continue metformin 500 mg.',
};
const OUTSIDE = [{ address: 'dr.patel@elsewhere.example', name: 'Dr. Anil Patel' }];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('on-send bundle in a bare V8 context', () => {
  let bundle: string;
  let dataDir: string;
  let dns: TestDns;
  let server: RunningServer;

  beforeAll(async () => {
    const built = await build({ ...onSendBuild(join(__dirname, '..', '..')), write: false });
    bundle = built.outputFiles![0]!.text;
    dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-onsend-'));
    dns = await startTestDns();
    const config = configFrom({
      port: 0,
      dataDir,
      dev: true,
      lookup: { dnsServers: [dns.server], starttlsProbe: false },
      auth: { roles: { admin: ['privacy@cityclinic.example'] } },
    });
    server = await startServer(config, { logger: captureLogs().logger, policy: POLICY });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await dns.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const token = async (email = SENDER, roles: Array<'user' | 'admin'> = ['user']) =>
    signDevToken(await loadDevKey(dataDir), { sub: email, email, roles, ttlSeconds: 600, now: new Date() });

  /** Loads the bundle (pointed at `url`) into a fresh context with a fake mailbox and runs the handler. */
  async function send(
    draft: FakeDraft,
    options: { url?: string; settings?: Map<string, unknown>; brokenSubject?: boolean; session?: Map<string, string>; headers?: Map<string, string> } = {},
  ) {
    const office = fakeOffice(draft, { token: () => token(), ...options });
    const context = vm.createContext({ Office: office.Office, OfficeRuntime: office.OfficeRuntime, fetch, setTimeout, clearTimeout });
    vm.runInContext(bundle.replaceAll(SERVICE_URL_PLACEHOLDER, options.url ?? server.url), context, { filename: 'onsend.js' });
    const handler = office.actions.get(ON_SEND_FUNCTION);
    expect(handler).toBeDefined();
    const completed = await new Promise<Record<string, unknown>>((resolve) => void handler!({ completed: resolve }));
    return { completed, settings: office.settings };
  }

  const DOWN = 'http://127.0.0.1:9';

  it("counts the policy's gateway header, once the task pane set it, as the encryption PHI needs", async () => {
    const gatewayPolicy = { ...POLICY, protection: { ...POLICY.protection, accepted: ['gateway'], gateway: { header: { name: 'X-Clinic-Encrypt', value: 'yes' } } } };
    const settings = () => new Map<string, unknown>([[POLICY_SETTING, { fetchedAt: Date.now(), policy: gatewayPolicy }]]);
    const unmarked = (await send({ ...PHI, to: OUTSIDE }, { settings: settings() })).completed;
    expect(unmarked).toMatchObject({ allowEvent: false });
    expect(unmarked.errorMessage).toContain(REASON_MESSAGES.phi_unprotected);
    const marked = (await send({ ...PHI, to: OUTSIDE }, { settings: settings(), headers: new Map([['X-Clinic-Encrypt', 'yes']]) })).completed;
    // Only the first-time-recipient warning is left, which the user may send past.
    expect(marked).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    expect(marked.errorMessage).not.toContain(REASON_MESSAGES.phi_unprotected);
  });

  describe('an override written in the task pane', () => {
    const warned: FakeDraft = { subject: 'Form', body: 'Her SSN is 531-72-0846, please update the form.', to: OUTSIDE };
    const marker = (recipients: string[]) =>
      new Map([[OVERRIDE_KEY, JSON.stringify({ reasons: ['first_time_recipient', 'identifiers_only'], recipients })]]);

    it('lets that send go without asking again', async () => {
      expect((await send(warned)).completed).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
      expect((await send(warned, { session: marker(['dr.patel@elsewhere.example']) })).completed).toEqual({ allowEvent: true });
    });

    it('does not stretch to a recipient added afterwards', async () => {
      const more = { ...warned, to: [...OUTSIDE, { address: 'billing@other.example' }] };
      expect((await send(more, { session: marker(['dr.patel@elsewhere.example']) })).completed).toMatchObject({ allowEvent: false });
    });
  });

  it('stops PHI going unencrypted to an outside recipient, and says why in under 500 characters', async () => {
    const { completed } = await send({ ...PHI, to: OUTSIDE });
    expect(completed).toMatchObject({ allowEvent: false, commandId: 'PhiGuardTaskPane' });
    expect(completed.errorMessage).toContain(REASON_MESSAGES.phi_unprotected);
    expect(String(completed.errorMessage).length).toBeLessThanOrEqual(500);
  });

  it('stops a PDF with PHI on its second page going to an outside recipient: the service reads it', async () => {
    const pdf = await pdfWith(['Referral letter', 'Patient Maria Gonzalez, SSN 531-72-0846, type 2 diabetes, on metformin.']);
    const { completed } = await send({ subject: 'Referral', body: 'Please see the attached letter.', to: OUTSIDE, attachments: [{ name: 'referral.pdf', data: pdf }] });
    expect(completed).toMatchObject({ allowEvent: false });
    expect(completed.errorMessage).toMatch(new RegExp(`${escape(REASON_MESSAGES.phi_in_attachment)}|${escape(REASON_MESSAGES.phi_unprotected)}`));
    const clean = await pdfWith(['Cafeteria menu', 'Soup of the day: tomato.']);
    expect((await send({ subject: 'Menu', body: 'Attached.', to: OUTSIDE, attachments: [{ name: 'menu.pdf', data: clean }] })).completed).toEqual({ allowEvent: true });
  });

  it('when the service cannot read an attachment in time, the closed fail mode stops it', async () => {
    const pdf = await pdfWith(['Anything']);
    const { completed } = await send({ subject: 'Referral', body: 'See attached.', to: OUTSIDE, attachments: [{ name: 'referral.pdf', data: pdf }] }, { url: DOWN });
    expect(completed).toMatchObject({ allowEvent: false });
  });

  it('blocks a patient name in the subject whoever receives it', async () => {
    const { completed } = await send({ subject: 'Lab results for Maria Gonzalez', body: PHI.body, to: [{ address: 'nurse@cityclinic.example' }] });
    expect(completed).toMatchObject({ allowEvent: false });
    expect(completed.errorMessage).toContain(REASON_MESSAGES.phi_in_subject);
  });

  it('lets a clean draft and PHI to a colleague go', async () => {
    expect((await send({ subject: 'Lunch', body: 'Shall we meet at noon?', to: OUTSIDE })).completed).toEqual({ allowEvent: true });
    expect((await send({ ...PHI, to: [{ address: 'nurse@cityclinic.example' }] })).completed).toEqual({ allowEvent: true });
  });

  it('an exception inside the handler still completes the event, closed by default', async () => {
    const { completed } = await send({ ...PHI, to: OUTSIDE }, { brokenSubject: true });
    expect(completed).toEqual({ allowEvent: false, errorMessage: CHECK_FAILED_MESSAGE, commandId: 'PhiGuardTaskPane' });
  });

  describe('when the service cannot be reached', () => {
    const identifiersOnly: FakeDraft = { subject: 'Form', body: 'Her SSN is 531-72-0846, please update the form.', to: OUTSIDE };

    it('fails closed by default: sensitive sends to outside recipients stop', async () => {
      const { completed } = await send(identifiersOnly, { url: DOWN });
      expect(completed).toMatchObject({ allowEvent: false });
      expect(completed.errorMessage).toContain(REASON_MESSAGES.service_unavailable);
      expect(completed.sendModeOverride).toBeUndefined();
    });

    it('fails open when the kept policy says so: a warning the user may send past', async () => {
      const open = { ...POLICY, failMode: 'open' };
      const settings = new Map<string, unknown>([[POLICY_SETTING, { fetchedAt: Date.now(), policy: open }]]);
      const { completed } = await send(identifiersOnly, { url: DOWN, settings });
      expect(completed).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    });

    it('keeps the audit event and delivers it, once, when the service is back', async () => {
      const settings = new Map<string, unknown>();
      await send(identifiersOnly, { url: DOWN, settings });
      const queued = (settings.get(OUTBOX_SETTING) as { events: Array<{ clientEventId: string }> }).events;
      expect(queued).toHaveLength(1);
      await send({ subject: 'Lunch', body: 'Noon?', to: OUTSIDE }, { settings });
      await send({ subject: 'Lunch', body: 'Noon?', to: OUTSIDE }, { settings });
      expect((settings.get(OUTBOX_SETTING) as { events: unknown[] }).events).toEqual([]);

      const res = await fetch(`${server.url}/v1/audit/events?actor=${SENDER}&limit=1000`, {
        headers: { authorization: `Bearer ${await token('privacy@cityclinic.example', ['user', 'admin'])}` },
      });
      const events = ((await res.json()) as { events: Array<{ clientEventId: string; kind: string; phiKinds: object }> }).events;
      const delivered = events.filter((e) => e.clientEventId === queued[0]!.clientEventId);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]).toMatchObject({ kind: 'send_blocked', phiKinds: { SSN: 1 } });
    });
  });
});
