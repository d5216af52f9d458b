import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes, type RouteModule } from '../http/route-registry.js';
import { captureLogs } from '../http/testing.js';
import { startMailCatcher, type MailCatcher } from '../portal/mail-testing.js';
import { createMailer } from '../portal/mailer.js';
import { PortalError, type PortalContent, type PortalMessageInfo, type PortalReply, type PortalState } from '../portal/model.js';
import { createPasscodes } from '../portal/passcodes.js';
import { createSessions } from '../portal/sessions.js';
import { storeTargets } from '../store/testing.js';
import { PORTAL_CSP, PORTAL_PREFIX, SESSION_COOKIE, portalRoutes, type PickupMessages, type PortalRateLimit } from './portal.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;

const TOKEN = 'Zk3q9_T0kenFromTheNoticeMail-abcdefghijklmn';
const LINK = `${PORTAL_PREFIX}/m/${TOKEN}`;
const MARIA = 'maria.lopez@gmail.com';
const SENDER = 'dr.chen@clinic.example.org';
const CONTENT: PortalContent = {
  subject: 'Your lab results',
  text: 'Your A1c is 5.4.',
  html: '<p>Your <strong>A1c</strong> is 5.4.</p><img src="x" onerror="alert(1)"><script>alert(2)</script>',
  attachments: [{ name: 'résultats.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 results').toString('base64') }],
};

/** The message store as the pickup pages see it; `state` and `failWith` stand in for expiry and recall. */
function fakeMessages() {
  const calls = { opened: [] as string[][], downloads: [] as Array<[string, string, number]>, replies: [] as Array<[string, string, string]> };
  const fake = {
    state: 'active' as PortalState,
    failWith: undefined as PortalError | undefined,
    calls,
    thread: [] as PortalReply[],
    info: (): PortalMessageInfo => ({
      id: 'msg-1',
      sender: SENDER,
      createdAt: '2026-03-01T11:00:00.000Z',
      expiresAt: '2026-03-31T11:00:00.000Z',
      state: fake.state,
      recipients: [],
      replies: fake.thread.length,
    }),
  };
  const messages: PickupMessages = {
    byLinkToken: async (token) => (token === TOKEN ? fake.info() : undefined),
    open: async () => {
      if (fake.failWith) throw fake.failWith;
      return CONTENT;
    },
    replies: async () => fake.thread,
    addReply: async (id, author, text) => {
      calls.replies.push([id, author, text]);
      const reply = { id: `r${fake.thread.length}`, author, createdAt: '2026-03-01T12:00:00.000Z', text };
      fake.thread.push(reply);
      return reply;
    },
    recordOpened: async (id, address) => void calls.opened.push([id, address]),
    recordDownload: async (id, address, index) => void calls.downloads.push([id, address, index]),
  };
  return { fake, messages };
}

describe('portal pickup routes', () => {
  let relay: MailCatcher;
  let t: TestAuditLog;
  let fake: ReturnType<typeof fakeMessages>['fake'];
  let app: Express;
  let module: RouteModule;

  beforeAll(async () => {
    relay = await startMailCatcher();
  });
  afterAll(async () => relay.close());

  const build = (rateLimit?: PortalRateLimit) => {
    const built = fakeMessages();
    fake = built.fake;
    const logger = captureLogs().logger;
    module = portalRoutes({
        messages: built.messages,
        passcodes: createPasscodes({ store: t.db.store, auditLog: t.log, secret: Buffer.alloc(32, 1), now: t.clock.now, passcodeMinutes: 10, lockMinutes: 15 }),
        sessions: createSessions({ store: t.db.store, idleMinutes: 10, now: t.clock.now }),
        mailer: createMailer({ smtpUrl: relay.url, from: 'no-reply@clinic.example.org', dev: false, logger }),
        logger,
        now: t.clock.now,
      ...(rateLimit === undefined ? {} : { rateLimit }),
    });
    app = express();
    mountRoutes(app, [module]);
    app.use(notFound);
    app.use(problemHandler);
  };

  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    await t.db.store.run('INSERT INTO portal_message (id, link_hash, sender, created_at, expires_at, size_bytes) VALUES (?, ?, ?, ?, ?, 0)', [
      'msg-1',
      'hash',
      SENDER,
      '2026-03-01T11:00:00.000Z',
      '2026-03-31T11:00:00.000Z',
    ]);
    await t.db.store.run('INSERT INTO portal_recipient (message_id, address) VALUES (?, ?)', ['msg-1', MARIA]);
    build();
  });
  afterEach(async () => t.dispose());

  const askForCode = (address = MARIA) => request(app).post(`${LINK}/passcode`).type('form').send({ address });
  const enterCode = (code: string, address = MARIA) => request(app).post(`${LINK}/verify`).type('form').send({ address, code });
  /** Asks for a passcode and reads it from the mail that arrives. */
  const mailedCode = async (address = MARIA): Promise<string> => {
    const before = relay.mails.length;
    expect((await askForCode(address)).status).toBe(200);
    const mail = await relay.nth(before + 1);
    return /Your passcode is (\d{6})\./.exec(mail.text)![1]!;
  };
  const cookieOf = (res: request.Response) => String(res.headers['set-cookie']).split(';')[0]!;
  const signIn = async (): Promise<string> => cookieOf(await enterCode(await mailedCode()));
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('full pickup: address, mailed passcode, session cookie, then the message', async () => {
    const start = await request(app).get(LINK);
    expect(start.status).toBe(200);
    expect(start.text).toContain(`<form method="post" action="${LINK}/passcode">`);

    const before = relay.mails.length;
    const sent = await askForCode('Maria.Lopez@Gmail.com');
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('If this message was sent to <strong>maria.lopez@gmail.com</strong>, we have just emailed a 6-digit passcode');
    const mail = await relay.nth(before + 1);
    expect(mail).toMatchObject({ to: [MARIA], subject: 'Your PHI Guard passcode' });
    expect(mail.text).not.toMatch(/lab results|A1c/i);
    const code = /Your passcode is (\d{6})\. It expires in 10 minutes/.exec(mail.text)![1]!;

    const verified = await enterCode(code);
    expect(verified.status).toBe(303);
    expect(verified.headers.location).toBe(`${LINK}/message`);
    const setCookie = String(verified.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=${LINK}; HttpOnly; SameSite=Strict$`));

    const page = await request(app).get(`${LINK}/message`).set('Cookie', cookieOf(verified));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Your lab results</h1>');
    expect(page.text).toContain('<p>Your <strong>A1c</strong> is 5.4.</p>');
    expect(fake.calls.opened).toEqual([['msg-1', MARIA]]);
  });

  it('a signed-in recipient opening the link goes straight to the message', async () => {
    const cookie = await signIn();
    const res = await request(app).get(LINK).set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${LINK}/message`);
  });

  it('an address that is not a recipient gets the same page, and no passcode', async () => {
    const before = relay.mails.length;
    const recipient = await askForCode(MARIA);
    await relay.nth(before + 1);
    const stranger = await askForCode('eve@example.org');
    expect(stranger.status).toBe(recipient.status);
    expect(stranger.text.replaceAll('eve@example.org', MARIA)).toBe(recipient.text);
    const sent = (await t.log.search({ kinds: ['portal_passcode_sent'] })).events;
    expect(sent.map((e) => e.recipients)).toEqual([[MARIA]]);
    const wrong = await enterCode('123456', 'eve@example.org');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('That passcode did not work');
  });

  it('the fifth wrong passcode locks the link for this recipient, saying for how long', async () => {
    const code = await mailedCode();
    for (let i = 0; i < 4; i++) {
      const res = await enterCode(wrongCode(code));
      expect(res.status).toBe(400);
      expect(res.text).toContain('That passcode did not work');
    }
    const locked = await enterCode(wrongCode(code));
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('this message is locked for 15 minutes');
    expect(locked.headers['retry-after']).toBe('900');
    expect((await enterCode(code)).status).toBe(429);
    expect((await askForCode()).text).toContain('this message is locked for 15 minutes');
  });

  it('a code that is not six digits is refused without using up a try', async () => {
    const code = await mailedCode();
    expect((await enterCode('12ab56')).status).toBe(400);
    expect((await enterCode(`${code.slice(0, 3)} ${code.slice(3)}`)).status).toBe(303);
  });

  it('a session ends after the idle time, and the pages send the recipient back to the start', async () => {
    const cookie = await signIn();
    t.clock.set('2026-03-01T12:09:00.000Z');
    expect((await request(app).get(`${LINK}/message`).set('Cookie', cookie)).status).toBe(200);
    t.clock.set('2026-03-01T12:19:01.000Z');
    const res = await request(app).get(`${LINK}/message`).set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(LINK);
  });

  it('without a session, the message and its files send the visitor to the start page', async () => {
    for (const path of ['/message', '/attachments/0']) {
      const res = await request(app).get(`${LINK}${path}`).set('Cookie', `${SESSION_COOKIE}=${'A'.repeat(43)}`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(LINK);
    }
    expect(fake.calls.opened).toEqual([]);
  });

  it.each([
    ['expired', 'This message has expired'],
    ['recalled', 'This message was withdrawn'],
    ['deleted', 'This message is no longer available'],
  ] as const)('an %s message is a 410 page', async (state, title) => {
    fake.state = state;
    const res = await request(app).get(LINK);
    expect(res.status).toBe(410);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<h1>${title}</h1>`);
    expect((await askForCode()).status).toBe(410);
  });

  it('a message recalled while the recipient reads it is a 410 page on the next click', async () => {
    const cookie = await signIn();
    fake.failWith = new PortalError('recalled', 'recalled');
    const res = await request(app).get(`${LINK}/message`).set('Cookie', cookie);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This message was withdrawn');
  });

  it.each([['an unknown token', `${PORTAL_PREFIX}/m/${'x'.repeat(43)}`], ['a malformed token', `${PORTAL_PREFIX}/m/%3Cscript%3E`]])(
    '%s is a 404 page',
    async (_label, path) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('We can’t find this message');
      expect(res.text).not.toContain('<script>');
    },
  );

  it('every page is served with a strict CSP, no-store and no referrer', async () => {
    const cookie = await signIn();
    for (const res of [await request(app).get(LINK), await request(app).get(`${LINK}/message`).set('Cookie', cookie), await request(app).get(`${PORTAL_PREFIX}/m/nope-nope-nope-nope`)]) {
      expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
      expect(PORTAL_CSP).toContain("default-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('the stylesheet the pages link to is served as CSS', async () => {
    const page = await request(app).get(LINK);
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)![1]!;
    const css = await request(app).get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('font-family');
  });

  it('the sender’s HTML reaches the page without script or event handlers', async () => {
    const page = await request(app).get(`${LINK}/message`).set('Cookie', await signIn());
    expect(page.text).not.toMatch(/<script|onerror|alert\(/);
  });

  it('an attachment downloads as a file, never rendered, and the download is recorded', async () => {
    const res = await request(app).get(`${LINK}/attachments/0`).set('Cookie', await signIn()).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="r?sultats.pdf"; filename*=UTF-8''r%C3%A9sultats.pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(`${PORTAL_CSP}; sandbox`);
    expect(Buffer.from(res.body as Buffer).toString()).toBe('%PDF-1.7 results');
    expect(fake.calls.downloads).toEqual([['msg-1', MARIA, 0]]);
  });

  it('an attachment that does not exist is a 404 page and records nothing', async () => {
    const cookie = await signIn();
    expect((await request(app).get(`${LINK}/attachments/1`).set('Cookie', cookie)).status).toBe(404);
    expect((await request(app).get(`${LINK}/attachments/x`).set('Cookie', cookie)).status).toBe(404);
    expect(fake.calls.downloads).toEqual([]);
  });

  it('a reply is stored, the sender is told by a mail without its text, and the page confirms it', async () => {
    const cookie = await signIn();
    const before = relay.mails.length;
    const res = await request(app).post(`${LINK}/reply`).set('Cookie', cookie).type('form').send({ text: '  Thank you, see you Tuesday.  ' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${LINK}/message?replied=1`);
    expect(fake.calls.replies).toEqual([['msg-1', MARIA, 'Thank you, see you Tuesday.']]);
    const notice = await relay.nth(before + 1);
    expect(notice).toMatchObject({ to: [SENDER], subject: 'You have a reply on PHI Guard secure messaging' });
    expect(notice.text).not.toMatch(/Tuesday|lab results/i);
    const page = await request(app).get(res.headers.location!).set('Cookie', cookie);
    expect(page.text).toContain('Your reply was sent.');
    expect(page.text).toContain('Thank you, see you Tuesday.');
  });

  it('a reply posted from another site is refused', async () => {
    const cookie = await signIn();
    const res = await request(app).post(`${LINK}/reply`).set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ text: 'hi' });
    expect(res.status).toBe(403);
    expect(fake.calls.replies).toEqual([]);
  });

  it('a reply from the same origin is accepted; an empty one is not', async () => {
    const cookie = await signIn();
    const reply = (text: string) =>
      request(app).post(`${LINK}/reply`).set({ Cookie: cookie, Host: 'secure.clinic.example.org', Origin: 'http://secure.clinic.example.org' }).type('form').send({ text });
    expect((await reply('   ')).status).toBe(400);
    const before = relay.mails.length;
    expect((await reply('ok')).status).toBe(303);
    await expect(relay.nth(before + 1)).resolves.toMatchObject({ to: [SENDER] });
  });

  it('signing out ends the session and clears the cookie', async () => {
    const cookie = await signIn();
    const res = await request(app).post(`${LINK}/logout`).set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(LINK);
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; Path=${LINK}; HttpOnly; SameSite=Strict$`));
    expect((await request(app).get(`${LINK}/message`).set('Cookie', cookie)).status).toBe(303);
  });

  it('limits posts per client address with an HTML 429 page', async () => {
    build({ windowSeconds: 60, perIp: 2, perLink: 100 });
    expect((await askForCode('a@example.org')).status).toBe(200);
    expect((await askForCode('b@example.org')).status).toBe(200);
    const limited = await askForCode('c@example.org');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('<h1>Too many attempts</h1>');
  });

  it('limits posts per link', async () => {
    build({ windowSeconds: 60, perIp: 100, perLink: 1 });
    expect((await askForCode('a@example.org')).status).toBe(200);
    expect((await askForCode('b@example.org')).status).toBe(429);
  });

  it('documents every route it serves, as HTML', () => {
    expect(documentedRoutes([module]).map(({ method, path }) => ({ method, path }))).toEqual(mountedRoutes(app));
    const document = createOpenApiDocument([module]);
    expect(Object.keys(document.paths ?? {})).toContain('/portal/m/{token}/verify');
    expect(document.paths?.['/portal/m/{token}']?.get?.responses?.['200']).toMatchObject({ content: { 'text/html': {} } });
  });
});
