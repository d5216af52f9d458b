// The Gmail add-on as Apps Script runs it: the built Code.js in a fresh V8 context (no require,
// process, module or DOM) with fake Apps Script services, calling the real PHI Guard service over
// HTTP. UrlFetchApp is synchronous, so the service runs in a child process and the fake blocks.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { simpleParser } from 'mailparser';
import { buildGmailAddon } from '../../addin-gmail/scripts/build-options.js';
import { ENTRY_POINTS } from '../../addin-gmail/src/names.js';
import { fakeAppsScript } from '../../addin-gmail/src/testing/fake-apps-script.js';
import { cardButtons, cardTexts } from '../../addin-gmail/src/testing/fake-card-service.js';
import { FakeGmail } from '../../addin-gmail/src/testing/fake-gmail.js';
import { createSyncHttp, type SyncHttp } from '../../addin-gmail/src/testing/sync-http.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const OUTSIDE = 'dr.patel@elsewhere.example';
const PHI_BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';
const POLICY = { organisation: { name: 'City Clinic', domains: ['cityclinic.example'] }, protection: { accepted: ['portal', 'pgp', 'smime'] } };

let work: string;
let code: string;
let whitelist: string[];
let serviceUrl: string;
let service: ServiceProcess;
let http: SyncHttp;
let token: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'phiguard-gmail-'));
  const config = await buildGmailAddon(join(__dirname, '../../addin-gmail'), { out: join(work, 'dist') });
  serviceUrl = config.serviceUrl;
  code = await readFile(join(work, 'dist', 'Code.js'), 'utf8');
  whitelist = (JSON.parse(await readFile(join(work, 'dist', 'appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] }).urlFetchWhitelist;
  await writeFile(join(work, 'policy.json'), JSON.stringify(POLICY));
  service = await startServiceProcess({ env: { PHIGUARD_POLICY_FILE: join(work, 'policy.json') } });
  token = await service.demoToken();
  http = createSyncHttp();
}, 60_000);

afterAll(async () => {
  http?.close();
  await service?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A fresh Apps Script: the bundle run in a new V8 context whose only globals are the fakes. */
function appsScript(gmail: FakeGmail) {
  const apps = fakeAppsScript({
    gmail,
    whitelist,
    identityToken: () => token,
    user: 'demo@phiguard.invalid',
    // The bundle calls the configured service URL; here that is the service in the child process.
    fetch: (url, params) => {
      const { status, body } = http.request({
        url: service.url + url.slice(serviceUrl.length),
        method: params.method ?? 'get',
        headers: { ...params.headers, ...(params.contentType ? { 'content-type': params.contentType } : {}) },
        ...(params.payload === undefined ? {} : { body: params.payload }),
      });
      return { status, text: body };
    },
  });
  const context = vm.createContext({ ...apps.globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { context: context as Record<string, (event?: unknown) => unknown>, apps };
}

const composeEvent = (to: string[]) => ({ commonEventObject: { hostApp: 'GMAIL', platform: 'WEB', parameters: {} }, gmail: { toRecipients: to, ccRecipients: [], bccRecipients: [] } });
const texts = (card: unknown) => cardTexts(card).join('\n');

describe('the Gmail add-on bundle in Apps Script’s V8', () => {
  it('is one script with no module, Node or DOM dependency, and every entry point is a top-level function', () => {
    const { context } = appsScript(new FakeGmail());
    for (const name of Object.values(ENTRY_POINTS)) expect(typeof context[name]).toBe('function');
    for (const name of ['require', 'module', 'exports', 'process', 'Buffer', 'window', 'document']) expect(name in context).toBe(false);
    expect(code).not.toMatch(/\brequire\(|\bimport\(|^\s*(import|export)\s/m);
  });

  it('checks a PHI draft against the real service: the outside doctor needs it sent securely', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: OUTSIDE, subject: 'Follow-up', text: PHI_BODY });
    const { context, apps } = appsScript(gmail);
    const card = context[ENTRY_POINTS.compose]!(composeEvent([OUTSIDE]));
    expect(texts(card)).toMatch(/Send this securely/);
    expect(texts(card)).toMatch(/External/);
    expect(cardButtons(card).find((b) => /Send securely/.test(b.text))?.parameters).toMatchObject({ do: 'send_securely' });
    expect(apps.requests.map((r) => new URL(r.url).pathname)).toEqual(['/v1/policy', '/v1/recipients/lookup', '/v1/audit/events']);
    // Delivered, so nothing waits in the outbox.
    expect(JSON.parse(apps.properties.get('phiguardAuditOutbox') ?? '{}')).toEqual({ events: [], dropped: 0 });
  });

  it('a clean draft is ready to send', () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: OUTSIDE, subject: 'Lunch', text: 'Noon on Tuesday?' });
    expect(texts(appsScript(gmail).context[ENTRY_POINTS.compose]!(composeEvent([OUTSIDE])))).toMatch(/Ready to send/);
  });

  it('an unsaved draft gets the card that says so', () => {
    expect(texts(appsScript(new FakeGmail()).context[ENTRY_POINTS.compose]!(composeEvent([OUTSIDE])))).toMatch(/has not saved this draft yet/);
  });

  it('Send securely stores the message on the real portal and sends its pickup notice instead', async () => {
    const gmail = new FakeGmail();
    gmail.addDraft({ to: OUTSIDE, subject: 'Lab results for Maria Gonzalez', text: PHI_BODY });
    const { context } = appsScript(gmail);
    const response = context[ENTRY_POINTS.action]!({
      commonEventObject: { hostApp: 'GMAIL', platform: 'WEB', parameters: { do: 'send_securely', context: JSON.stringify({ to: [OUTSIDE], cc: [], bcc: [] }) } },
    }) as { navigation: { updateCard: unknown } };
    expect(texts(response.navigation.updateCard)).toMatch(/Sent securely/);
    expect(gmail.sent).toHaveLength(1);
    const notice = await simpleParser(Buffer.from(gmail.sent[0]!.raw, 'base64url').toString('utf8'));
    expect(notice.headers.get('x-phi-guard-notice')).toBe('portal');
    expect((notice.to as { text: string }).text).toBe(OUTSIDE);
    expect(notice.text).not.toMatch(/Maria|531-72-0846/);
    const link = /https?:\/\/\S+\/portal\/m\/\S+/.exec(notice.text ?? '')?.[0];
    expect(link).toBeDefined();
    // The link opens the real portal's pickup page.
    const page = await fetch(service.url + new URL(link!).pathname);
    expect(page.status).toBe(200);
  });

  it('an error inside Apps Script becomes the error card', () => {
    const gmail = new FakeGmail();
    gmail.failWith = 'Request had insufficient authentication scopes.';
    expect(texts(appsScript(gmail).context[ENTRY_POINTS.compose]!(composeEvent([OUTSIDE])))).toMatch(/missing a Gmail permission/);
  });
});
