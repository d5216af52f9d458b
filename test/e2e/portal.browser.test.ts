// The secure portal end to end, as a recipient meets it: the real service (SQLite, dev tokens),
// passcodes through a real SMTP relay on loopback, and Debian's Chromium driven by playwright-core.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testClock } from '../../service/src/audit/testing.js';
import { loadDevKey, signDevToken } from '../../service/src/auth/dev-issuer.js';
import type { Role } from '../../service/src/auth/principal.js';
import { configFrom } from '../../service/src/config.js';
import { captureLogs } from '../../service/src/http/testing.js';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../service/src/portal/mail-testing.js';
import { startServer, type RunningServer } from '../../service/src/server.js';

/** Debian's package; CI installs it (.ci/run). Never a browser downloaded by Playwright. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const SENDER = 'dr.lee@clinic.example.org';
const PATIENT = 'maria.gonzalez@mail.example';
const SUBJECT = 'Lab results for Maria Gonzalez';
const BODY = 'Maria Gonzalez (DOB 03/14/1961, MRN 4471823): HbA1c 8.9%, metformin increased to 1000 mg twice daily.';
const ATTACHMENT = { name: 'gonzalez-hba1c.txt', contentType: 'text/plain', data: Buffer.from('HbA1c 8.9% on 2026-03-01').toString('base64') };

(hasChromium ? describe : describe.skip)(`secure portal in a real browser${hasChromium ? '' : ' (skipped: install Debian chromium)'}`, () => {
  let dataDir: string;
  let relay: MailCatcher;
  let server: RunningServer;
  let browser: Browser;
  const clock = testClock(new Date().toISOString());

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-portal-e2e-'));
    relay = await startMailCatcher();
    const config = configFrom({
      port: 0,
      dataDir,
      dev: true,
      portal: { smtpUrl: relay.url, mailFrom: 'secure@clinic.example.org' },
      auth: { roles: { admin: ['privacy@clinic.example.org'] } },
    });
    server = await startServer(config, { logger: captureLogs().logger, clock });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await relay?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function token(email: string, roles: Role[] = ['user']): Promise<string> {
    return signDevToken(await loadDevKey(dataDir), { sub: email, email, roles, ttlSeconds: 3600, now: clock.now() });
  }

  async function api(method: string, path: string, body?: unknown, email = SENDER, roles?: Role[]) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(email, roles)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  async function send(recipients: string[]): Promise<{ id: string; link: string; notice: { subject: string; text: string } }> {
    const res = await api('POST', '/v1/messages', { subject: SUBJECT, text: BODY, attachments: [ATTACHMENT], recipients });
    expect(res.status).toBe(201);
    return res.body as never;
  }

  /** The first mail to `to` after the `after`th mail the relay received. */
  async function mailTo(to: string, after: number): Promise<CaughtMail> {
    for (let n = after + 1; ; n++) {
      const mail = await relay.nth(n);
      if (mail.to.includes(to)) return mail;
    }
  }

  async function requestPasscode(page: Page, link: string, address: string): Promise<string> {
    const before = relay.mails.length;
    await page.goto(link);
    await page.getByLabel('Your email address').fill(address);
    await page.getByRole('button', { name: 'Send me a passcode' }).click();
    await page.getByRole('heading', { name: 'Enter your passcode' }).waitFor();
    const mail = await mailTo(address, before);
    // The passcode mail carries nothing of the message.
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Gonzalez|HbA1c|metformin|Lab results/);
    return /\b(\d{6})\b/.exec(mail.text)![1]!;
  }

  it('a recipient proves their address, reads the message and attachment, and replies; the sender sees it all', async () => {
    const sent = await send([PATIENT]);
    expect(`${sent.notice.subject}\n${sent.notice.text}`).not.toMatch(/Gonzalez|HbA1c|Lab results/);
    expect(sent.notice.text).toContain(sent.link);
    expect((await api('POST', `/v1/messages/${sent.id}/notice-sent`)).status).toBe(200);

    const page = await browser.newPage();
    const code = await requestPasscode(page, sent.link, PATIENT);
    await page.getByLabel('Passcode').fill(code);
    await page.getByRole('button', { name: 'Open message' }).click();
    await page.getByRole('heading', { name: SUBJECT }).waitFor();
    expect(await page.textContent('body')).toContain('metformin increased to 1000 mg');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: ATTACHMENT.name }).click();
    expect((await download).suggestedFilename()).toBe(ATTACHMENT.name);

    const mailsBefore = relay.mails.length;
    await page.getByLabel(/Reply to/).fill('Thank you, I will take the new dose from tomorrow.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply was sent.').waitFor();
    expect(await page.textContent('body')).toContain('I will take the new dose');
    // The sender hears of the reply by mail, without its text.
    const replyNotice = await mailTo(SENDER, mailsBefore);
    expect(replyNotice.text).not.toMatch(/new dose/);

    const status = await api('GET', `/v1/messages/${sent.id}`);
    expect(status.body).toMatchObject({ state: 'active', replies: 1 });
    expect(status.body.recipients[0]).toMatchObject({ address: PATIENT, firstOpenedAt: expect.any(String), noticeSentAt: expect.any(String) });
    await page.close();

    const audit = await api('GET', '/v1/audit/events?limit=1000', undefined, 'privacy@clinic.example.org', ['user', 'admin']);
    const kinds = new Set((audit.body.events as Array<{ kind: string }>).map((e) => e.kind));
    for (const kind of ['portal_created', 'portal_notice_sent', 'portal_passcode_sent', 'portal_opened', 'portal_downloaded', 'portal_replied']) {
      expect(kinds).toContain(kind);
    }
  }, 60_000);

  it('five wrong passcodes lock the link, and the sender can see it', async () => {
    const sent = await send(['jo.bloggs@mail.example']);
    const page = await browser.newPage();
    const code = await requestPasscode(page, sent.link, 'jo.bloggs@mail.example');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Passcode').fill(wrong);
      await page.getByRole('button', { name: 'Open message' }).click();
      await page.waitForLoadState();
    }
    await page.getByRole('heading', { name: 'Too many wrong passcodes' }).waitFor();
    // Even the right code no longer opens it while locked.
    await page.goto(sent.link);
    expect(await page.textContent('body')).not.toContain('metformin');
    const status = await api('GET', `/v1/messages/${sent.id}`);
    expect(status.body.recipients[0]).toMatchObject({ failedAttempts: 5, lockedUntil: expect.any(String) });
    await page.close();
  }, 60_000);

  it('a recalled message and an expired one show a clear page and cannot be opened', async () => {
    const recalled = await send([PATIENT]);
    const page = await browser.newPage();
    expect((await api('POST', `/v1/messages/${recalled.id}/recall`)).status).toBe(200);
    const response = await page.goto(recalled.link);
    expect(response?.status()).toBe(410);
    expect(await page.textContent('body')).toMatch(/recalled|withdrawn/i);

    const expiring = await send([PATIENT]);
    clock.advanceDays(31);
    const expired = await page.goto(expiring.link);
    expect(expired?.status()).toBe(410);
    expect(await page.textContent('body')).toMatch(/expired/i);
    await page.close();
  }, 60_000);

  it('the database holds no subject, body or attachment in readable form', async () => {
    const files = (await readdir(dataDir)).filter((f) => f.startsWith('phi-guard.db'));
    expect(files.length).toBeGreaterThan(0);
    const raw = Buffer.concat(await Promise.all(files.map((f) => readFile(join(dataDir, f))))).toString('latin1');
    for (const secret of ['Gonzalez', 'HbA1c', 'metformin', 'Lab results', ATTACHMENT.name, ATTACHMENT.data, 'new dose']) {
      expect(raw).not.toContain(secret);
    }
  });
});
