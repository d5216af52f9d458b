// The admin console as a privacy officer uses it, in Debian's Chromium: sign in with the
// break-glass admin's password and TOTP code, read the charts, search the audit log and export
// it, edit the policy (an error shown inline, then fixed and saved), verify the chain, and place
// and release a legal hold. The real service, in process, on SQLite.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadDevKey, signDevToken } from '../../service/src/auth/dev-issuer.js';
import { configFrom } from '../../service/src/config.js';
import { captureLogs } from '../../service/src/http/testing.js';
import { startServer, type RunningServer } from '../../service/src/server.js';
import { buildConsole } from '../../service/scripts/console-build.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const OUTSIDE = 'dr.patel@elsewhere.example';

/** Waits until the locator's text matches (the page updates after its API calls answer). */
async function textOf(locator: Locator, pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.count()) === 0 ? '' : ((await locator.first().textContent()) ?? '');
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited ${timeoutMs} ms for ${String(pattern)}; the text is: ${text.slice(0, 300)}`);
}

/** Waits until the locator matches this many elements. */
async function countOf(locator: Locator, expected: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.count()) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected ${expected} elements, found ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(hasChromium ? describe : describe.skip)(`admin console in a real browser${hasChromium ? '' : ' (skipped: install Debian chromium)'}`, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let printed = '';
  // Each step waits on the page; scrypt alone takes a few hundred milliseconds per sign-in.
  jest.setTimeout(30_000);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-console-e2e-'));
    await buildConsole(join(__dirname, '../../service/console'), join(dataDir, 'console'));
    const config = configFrom({ port: 0, dataDir, dev: true, adminConsoleDir: join(dataDir, 'console') });
    server = await startServer(config, { logger: captureLogs().logger, print: (text) => void (printed += text) });
    await seedEvents();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** What the add-ins would have recorded over the last days: decisions with reasons and PHI kinds. */
  async function seedEvents(): Promise<void> {
    const token = await signDevToken(await loadDevKey(dataDir), { sub: 'dr.lee', email: 'dr.lee@clinic.example.org', roles: ['user'], ttlSeconds: 600, now: new Date() });
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const events = [
      { kind: 'send_blocked', action: 'block', reasonCodes: ['phi_in_subject'], phiKinds: { NAME: 1, SSN: 1 }, time: day(2) },
      { kind: 'send_blocked', action: 'encrypt', reasonCodes: ['phi_unprotected'], phiKinds: { MRN: 2 }, time: day(1) },
      { kind: 'send_allowed', action: 'allow', reasonCodes: [], phiKinds: {}, time: day(1) },
      { kind: 'override', action: 'encrypt', reasonCodes: ['phi_unprotected'], phiKinds: { MRN: 1 }, time: day(0), justification: 'Patient asked for plain email, consent on file' },
    ].map((e, i) => ({ clientEventId: `seed-${i}`, client: 'outlook', recipients: [OUTSIDE], ...e }));
    const res = await fetch(`${server.url}/v1/audit/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(201);
  }

  function devAdmin(): { password: string; secret: string } {
    return { password: /Password: (\S+)/.exec(printed)![1]!, secret: /TOTP secret: (\S+)/.exec(printed)![1]! };
  }

  it('signs in with password and TOTP code, after refusing a wrong code', async () => {
    const { password, secret } = devAdmin();
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await textOf(page.getByRole('alert'), 'Wrong username, password or code.');
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Code from your authenticator app').fill(new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(await page.locator('#who').textContent()).toContain('admin');
  });

  it('draws the period’s charts from the audit log', async () => {
    await page.getByRole('img', { name: /Sends by decision per day: 3 in all/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('svg rect.bar.series-block').count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: /Top PHI kinds/ }).getAttribute('aria-label')).toContain('Medical record number 2');
    expect(await page.locator('.tiles').textContent()).toMatch(/2\s*sends blocked.*1\s*overridden/);
  });

  it('searches the audit log, shows an event, and exports the results as CSV', async () => {
    await page.getByLabel('Event', { exact: true }).selectOption('override');
    await page.getByRole('button', { name: 'Search' }).click();
    await countOf(page.locator('table.events tbody tr'), 1);
    await page.getByRole('button', { name: /Details #/ }).click();
    await textOf(page.locator('#detail dl'), 'Patient asked for plain email');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('kind');
    expect(csv).toContain('override');
    expect(csv).not.toContain('send_allowed');
  });

  it('shows a policy error inline, then saves the fixed policy as a new version and tries it on a draft', async () => {
    await page.goto(`${server.url}/admin#/policy`);
    const editor = page.getByLabel('Organisation policy (JSON)');
    await editor.fill(JSON.stringify({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] }, failMode: 'sideways' }));
    await textOf(page.locator('#policy-issues'), 'failMode');
    expect(await page.getByRole('button', { name: 'Save as a new version' }).isDisabled()).toBe(true);
    await editor.fill(JSON.stringify({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] }, failMode: 'closed' }));
    await textOf(page.locator('#policy-issues'), 'The policy is valid.');
    await page.getByLabel('Note').fill('Our domain');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await textOf(page.getByRole('status').filter({ hasText: 'Saved' }), /Saved: version 1 is now in force/);
    await countOf(page.locator('section[aria-labelledby="history-title"] tbody tr'), 1);
    const served = (await (await fetch(`${server.url}/v1/policy`, { headers: { authorization: `Bearer ${await userToken()}` } })).json()) as { organisation: { domains: string[] } };
    expect(served.organisation.domains).toEqual(['cityclinic.example']);
    await page.getByRole('button', { name: 'Try it' }).click();
    await textOf(page.locator('#try-result'), 'phi_in_subject');
  });

  it('verifies the audit chain on request', async () => {
    await page.goto(`${server.url}/admin#/integrity`);
    await page.getByRole('button', { name: 'Verify the audit log now' }).click();
    await textOf(page.locator('#verify-result'), /Verified: \d+ events/);
  });

  it('places a legal hold with a reason, then releases it', async () => {
    await page.goto(`${server.url}/admin#/retention`);
    await page.getByLabel('Reason').fill('Case 2026-114');
    await page.getByLabel('Recipient').fill(OUTSIDE);
    await page.getByRole('button', { name: 'Place hold' }).click();
    const row = page.locator('table.holds tbody tr', { hasText: 'Case 2026-114' });
    await textOf(row, 'Active');
    await page.getByRole('button', { name: 'Release hold “Case 2026-114”' }).click();
    await textOf(page.locator('table.holds tbody tr', { hasText: 'Case 2026-114' }), /Released|\d{4}-\d{2}-\d{2} by .*\d{4}-\d{2}-\d{2} by/);
    await countOf(page.getByRole('button', { name: 'Release hold “Case 2026-114”' }), 0);
  });

  it('imports patient consent from a CSV file and shows the rows it refused', async () => {
    await page.goto(`${server.url}/admin#/registries`);
    const csv = ['address,patient_ref,consent_unencrypted,date,source', 'maria@mail.example,P-1001,yes,2026-10-01,paper', 'not-an-address,P-1002,yes,2026-10-01,paper'].join('\r\n');
    await page.getByLabel(/Consent file/).setInputFiles({ name: 'consent.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await textOf(page.locator('#import-result'), /Imported 1 row; 1 rejected/);
    expect(await page.locator('#import-result li').first().textContent()).toMatch(/^Line 3, address: invalid/);
  });

  async function userToken(): Promise<string> {
    return signDevToken(await loadDevKey(dataDir), { sub: 'dr.lee', email: 'dr.lee@clinic.example.org', roles: ['user'], ttlSeconds: 600, now: new Date() });
  }
});
