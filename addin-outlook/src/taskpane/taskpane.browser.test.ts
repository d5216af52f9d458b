// The built task pane in Debian's Chromium, served by the real service (dev mode, so the demo
// gets a token) as Outlook loads it: in demo mode, and inside a fake Outlook host.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_POLICY, parsePolicy, REASON_MESSAGES, type Policy } from '@phiguard/core';
import { loadDevKey, signDevToken } from '../../../service/src/auth/dev-issuer.js';
import { configFrom } from '../../../service/src/config.js';
import { captureLogs } from '../../../service/src/http/testing.js';
import { startTestDns, type TestDns } from '../../../service/src/net/testing.js';
import { DEMO_USER } from '../../../service/src/routes/dev.js';
import { startServer, type RunningServer } from '../../../service/src/server.js';
import { pdfWith, PHI_TEXT } from '../../../attachments/src/testing/fixtures.js';
import { INSURANCE_CARD, renderTextImage } from '../../../attachments/src/testing/render-text.js';
import { buildAddinFiles } from '../../scripts/build-options.js';
import type { FakeDraft } from '../testing/fake-host.js';

/** Debian's package; never a browser downloaded by Playwright. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

/** Reads until the page shows what is expected (it re-checks after a debounce), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!Object.is(value, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  expect(value).toEqual(expected);
}

const policyResult = parsePolicy({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] } });
const POLICY: Policy = policyResult.ok ? policyResult.policy : DEFAULT_POLICY;
const NEUTRAL = 'Secure message from City Clinic';
const SENDER = 'dr.lee@cityclinic.example';
const SUBJECT = 'Lab results for Maria Gonzalez';
const BODY = 'Maria Gonzalez (DOB 03/14/1961, SSN 531-72-0846) has an HbA1c of 8.9%; metformin increased to 1000 mg twice daily.';

(hasChromium ? describe : describe.skip)(`task pane in a real browser${hasChromium ? '' : ' (skipped: install Debian chromium)'}`, () => {
  let out: string;
  let dataDir: string;
  let dns: TestDns;
  let server: RunningServer;
  let browser: Browser;
  let fakeHostScript: string;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    const root = join(__dirname, '..', '..');
    out = await mkdtemp(join(tmpdir(), 'phi-guard-taskpane-'));
    await buildAddinFiles(root, out);
    // The fake Outlook host, bundled for the page: it becomes `Office` before any page script runs.
    const bundled = await build({
      stdin: {
        contents: `import { fakeHost } from './fake-host.ts';
          const spec = window.__fakeSpec;
          const host = fakeHost(spec.draft, { token: async () => spec.token, user: spec.user });
          window.Office = host.Office; window.OfficeRuntime = host.OfficeRuntime; window.__fakeOffice = host;`,
        resolveDir: join(root, 'src/testing'),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'warning',
    });
    fakeHostScript = bundled.outputFiles[0]!.text;
    dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-taskpane-data-'));
    dns = await startTestDns();
    const config = configFrom({ port: 0, dataDir, dev: true, outlookAddinDir: out, lookup: { dnsServers: [dns.server], starttlsProbe: false } });
    server = await startServer(config, { logger: captureLogs().logger, policy: POLICY });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dns?.close();
    for (const dir of [out, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    // The narrow task pane width.
    page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    // Script errors and Content-Security-Policy refusals both reach the console as errors.
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    // Office.js comes from Microsoft's CDN; tests never reach the internet.
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  });

  afterEach(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  const taskPaneUrl = () => `${server.url}/addin/outlook/taskpane.html`;
  const headline = () => page.locator('#pg-summary .pg-headline');
  const findings = (field: string) => page.getByRole('region', { name: 'What was found' }).locator('h3', { hasText: field }).locator('xpath=following-sibling::ul[1]');

  describe('demo mode (no Office host)', () => {
    beforeEach(async () => {
      await page.goto(taskPaneUrl());
      await page.getByText('Connected to the PHI Guard service as a demo user').waitFor();
    }, 30_000);

    it('typing a PHI draft shows findings by field and blocks the patient name in the subject', async () => {
      await page.getByLabel('Subject').fill('Quarterly schedule');
      await page.getByLabel('Message').fill('Shall we meet on Tuesday?');
      await eventually(() => headline().textContent(), 'Ready to send');

      await page.getByLabel('Subject').fill(SUBJECT);
      await page.getByLabel('Message').fill(BODY);
      await eventually(() => headline().textContent(), 'Blocked: fix before sending');
      const reasons = page.getByRole('region', { name: 'Why' }).getByRole('listitem');
      // The subject leak comes first and loudest.
      await eventually(() => reasons.first().textContent(), REASON_MESSAGES.phi_in_subject);
      expect(await reasons.first().getAttribute('class')).toContain('pg-reason--loud');
      expect(await findings('Subject').textContent()).toContain('Maria Gonzalez');
      expect(await findings('Message').textContent()).toContain('531-72-0846');
      const recipient = page.getByRole('region', { name: 'Recipients' });
      expect(await recipient.textContent()).toContain('dr.patel@elsewhere.example');
      expect(await recipient.textContent()).toContain('External');
    });

    it('works by keyboard alone: Tab to the neutral-subject fix, Enter; then Space on the portal fix stores the message', async () => {
      await page.getByLabel('Subject').fill(SUBJECT);
      await page.getByLabel('Message').fill(BODY);
      const subjectFix = page.getByRole('button', { name: `Use a neutral subject: “${NEUTRAL}”` });
      await subjectFix.waitFor();

      // The last field of the draft; the fixes come next.
      await page.getByLabel('Attachments').focus();
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').textContent()).toBe(`Use a neutral subject: “${NEUTRAL}”`);
      await page.keyboard.press('Enter');
      await eventually(() => page.getByLabel('Subject').inputValue(), NEUTRAL);
      await eventually(() => headline().textContent(), 'Send this securely');
      expect(await page.getByRole('region', { name: 'Why' }).textContent()).not.toContain(REASON_MESSAGES.phi_in_subject);

      const portalFix = page.getByRole('button', { name: 'Send securely through the portal' });
      await portalFix.focus();
      await page.keyboard.press('Space');
      await eventually(async () => (await page.getByLabel('Message').inputValue()).includes('/portal/m/'), true);
      expect(await page.getByLabel('Message').inputValue()).not.toContain('Gonzalez');
      await eventually(() => headline().textContent(), 'Ready to send');

      // The service holds the message for the demo user, with the original text sealed in it.
      const token = (await (await fetch(`${server.url}/v1/dev/demo-token`, { method: 'POST' })).json()) as { token: string };
      const listed = await fetch(`${server.url}/v1/messages`, { headers: { authorization: `Bearer ${token.token}` } });
      const { messages } = (await listed.json()) as { messages: Array<{ sender: string; recipients: Array<{ address: string }> }> };
      expect(messages.map((m) => [m.sender, m.recipients.map((r) => r.address)])).toContainEqual([DEMO_USER, ['dr.patel@elsewhere.example']]);
    });

    describe('attachments, read in the browser', () => {
      let requested: string[];
      beforeEach(async () => {
        requested = [];
        page.on('request', (r) => void requested.push(r.url()));
        await page.getByLabel('Subject').fill('Referral');
        await page.getByLabel('Message').fill('Please see the attached.');
        await eventually(() => headline().textContent(), 'Ready to send');
      }, 30_000);
      const paths = () => requested.map((url) => (url.startsWith(server.url) ? new URL(url).pathname : url));

      it('finds PHI on page 2 of a PDF in the pane’s worker, names the file and page, and sends nothing to the service to be read', async () => {
        const pdf = await pdfWith(['Clinic newsletter: the car park closes on Friday.', PHI_TEXT]);
        await page.getByLabel('Attachments').setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
        await eventually(() => headline().textContent(), 'Send this securely', 30_000);
        expect(await findings('Attachment referral.pdf, page 2').textContent()).toContain('531-72-0846');
        expect(paths()).toContain('/addin/outlook/extract-worker.js');
        expect(paths()).not.toContain('/v1/scan/attachments');
        // No image, so the OCR files stay where they are.
        expect(paths().filter((p) => p.includes('/ocr/'))).toEqual([]);

        // A clean file in its place clears the finding (read afresh: a different file).
        await page.getByLabel('Attachments').setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdfWith(['The car park closes on Friday.'])) });
        await eventually(() => headline().textContent(), 'Ready to send');
      }, 60_000);

      it('reads a photographed insurance card by OCR, with the OCR files from this service and nothing from anywhere else', async () => {
        const card = await renderTextImage(INSURANCE_CARD, { browser });
        await page.getByLabel('Attachments').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: Buffer.from(card) });
        // Reading takes seconds: the pane says it is still checking rather than leaving "Ready to send" unqualified.
        await page.getByText('Checking… (attachments can take a few seconds)').waitFor({ timeout: 10_000 });
        await eventually(() => headline().textContent(), 'Send this securely', 90_000);
        expect(await page.getByText('Checking…').count()).toBe(0);
        expect(await findings('Attachment card.png').textContent()).toContain('531-72-0846');
        // The page sees the core and the model fetched; tesseract.js's own worker script loads inside the extraction worker.
        expect(paths()).toEqual(expect.arrayContaining([expect.stringMatching(/^\/addin\/outlook\/ocr\/tesseract-core-.*lstm\.wasm\.js$/), '/addin/outlook/ocr/eng.traineddata.gz']));
        expect(paths().filter((p) => !p.startsWith('/'))).toEqual([]);
        expect(paths()).not.toContain('/v1/scan/attachments');
      }, 120_000);
    });
  });

  describe('inside Outlook (fake Office host)', () => {
    async function openInOutlook(draft: FakeDraft): Promise<void> {
      const token = await signDevToken(await loadDevKey(dataDir), { sub: SENDER, email: SENDER, roles: ['user'], ttlSeconds: 600, now: new Date() });
      await page.addInitScript({ content: `window.__fakeSpec = ${JSON.stringify({ draft, token, user: SENDER })};\n${fakeHostScript}` });
      await page.goto(taskPaneUrl());
    }
    const fake = <T>(read: (host: { calls: string[]; draft: { subject: string } }) => T) =>
      page.evaluate(`(${read.toString()})(window.__fakeOffice)`) as Promise<T>;

    it('checks the message being written, and the subject fix writes through subject.setAsync', async () => {
      await openInOutlook({
        subject: SUBJECT,
        body: BODY,
        to: [{ address: 'dr.patel@elsewhere.example', name: 'Dr. Anil Patel' }],
        attachments: [{ name: 'hba1c.txt', text: 'Patient Maria Gonzalez, MRN 4471823, HbA1c 8.9%' }],
      });
      await eventually(() => headline().textContent(), 'Blocked: fix before sending');
      expect(await page.locator('#pg-demo').isHidden()).toBe(true);
      expect(await findings('Subject').textContent()).toContain('Maria Gonzalez');
      expect(await findings('Attachment hba1c.txt').textContent()).toContain('4471823');

      await page.getByRole('button', { name: `Use a neutral subject: “${NEUTRAL}”` }).click();
      await eventually(() => fake((h) => h.draft.subject), NEUTRAL);
      expect(await fake((h) => h.calls)).toEqual(['subject.setAsync']);
      await eventually(() => headline().textContent(), 'Send this securely');
    });

    it('checks again when the recipients change', async () => {
      await openInOutlook({ subject: 'Follow-up', body: BODY, to: [{ address: 'dr.patel@elsewhere.example' }] });
      await eventually(() => headline().textContent(), 'Send this securely');
      await page.evaluate(`(() => { const h = window.__fakeOffice; h.draft.to = [{ address: 'nurse@cityclinic.example' }]; h.fire('olkRecipientsChanged'); })()`);
      await eventually(() => headline().textContent(), 'Ready to send');
      expect(await page.getByRole('region', { name: 'Recipients' }).textContent()).toContain('Internal');
    });
  });
});
