import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { PolicySchema, type Draft, type ScanResult } from '@phiguard/core';
import { createExtractor } from '../attachments/extractor.js';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { loadOrCreatePortalKeyring, type PortalKeyring } from '../portal/keyring.js';
import { createPortalMessages, type PortalMessages } from '../portal/messages.js';
import { storeTargets } from '../store/testing.js';
import { encryptedPdf, pdfWith, PHI_TEXT, pngHeader } from '../../../attachments/src/testing/fixtures.js';
import { isMessageUpload, MAX_MESSAGE_RECIPIENTS, MESSAGES_PREFIX, messageBodyLimit, messageRoutes, type MessageRouteDeps } from './messages.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const POLICY = PolicySchema.parse({ organisation: { name: 'Riverside Clinic' }, portal: { defaultExpiryDays: 14, maxExpiryDays: 60 } });
const PUBLIC_URL = 'https://secure.clinic.example.org/';
const MAX_BYTES = 4096;
const DAY_MS = 86_400_000;
const PATIENT = 'maria.lopez@gmail.com';
const MESSAGE = {
  subject: 'Your results',
  text: 'Dear Maria Lopez, your A1c came back at 6.1%.',
  attachments: [{ name: 'results.txt', contentType: 'text/plain', data: Buffer.from('MRN 884211, A1c 6.1% for Maria Lopez').toString('base64') }],
  recipients: ['Maria.Lopez@Gmail.com'],
};

/** One for the file, as the app has one: its threads start once, on the first upload, loading the parsers. */
const extractor = createExtractor();
jest.setTimeout(20_000);
let keyring: PortalKeyring;
beforeAll(async () => {
  keyring = await loadOrCreatePortalKeyring(await mkdtemp(join(tmpdir(), 'phi-guard-message-routes-')));
});
afterAll(async () => extractor.close());

describe('portal message routes', () => {
  let t: TestAuditLog;
  let messages: PortalMessages;
  let app: Express;
  let deps: MessageRouteDeps;
  const build = (overrides: Partial<MessageRouteDeps> = {}) => {
    deps = { messages, requireRole: fakeRequireRole, policy: () => POLICY, extractor, publicUrl: () => PUBLIC_URL, maxMessageBytes: MAX_BYTES, now: t.clock.now, ...overrides };
    app = express();
    // As the app must wire it: its own JSON parser leaves the message upload to the route's larger one.
    app.use(express.json({ limit: '1kb', type: (req) => !isMessageUpload(req as express.Request) && /json/.test(String(req.headers['content-type'])) }));
    mountRoutes(app, [messageRoutes(deps)]);
    app.use(notFound);
    app.use(problemHandler);
  };
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    messages = createPortalMessages({ store: t.db.store, auditLog: t.log, keyring, now: t.clock.now });
    build();
  });
  afterEach(async () => t.dispose());

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });
  const send = (body: object = MESSAGE, who: keyof typeof TEST_PRINCIPALS = 'alice') => request(app).post(MESSAGES_PREFIX).set(as(who)).send(body);
  const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY_MS).toISOString();
  const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
  const problemType = (code: string) => `https://phiguard.dev/problems/${code}`;

  describe('POST /v1/messages', () => {
    it('stores the message and answers its id, expiry, pickup link and a notice without PHI', async () => {
      const res = await send();
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        id: expect.any(String),
        expiresAt: inDays(14),
        link: expect.stringMatching(/^https:\/\/secure\.clinic\.example\.org\/portal\/m\/[\w-]{43}$/),
        notice: { subject: 'Secure message from Riverside Clinic', text: expect.any(String), html: expect.any(String) },
      });
      expect(res.body.notice.text).toContain(res.body.link);
      expect(JSON.stringify(res.body.notice)).not.toMatch(/Maria|results|A1c/i);
      const info = await messages.byLinkToken(tokenOf(res.body.link));
      expect(info).toMatchObject({ id: res.body.id, sender: 'alice@clinic.example.org', recipients: [{ address: PATIENT }] });
      expect(await messages.open(res.body.id)).toEqual({ subject: MESSAGE.subject, text: MESSAGE.text, attachments: MESSAGE.attachments });
    });

    it('re-runs the shared scan (attachment text included) and audits its counts, action and reasons with the creation', async () => {
      const res = await send();
      const [event] = (await t.log.search({ kinds: ['portal_created'] })).events;
      expect(event).toMatchObject({ actor: 'alice@clinic.example.org', recipients: [PATIENT], detail: { messageId: res.body.id }, action: expect.any(String) });
      // The MRN appears only in the attachment.
      expect(event!.phiKinds).toMatchObject({ MRN: 1 });
      expect(JSON.stringify(event)).not.toMatch(/Maria|884211|results\.txt/);
    });

    it('scans subject, text and attachments as one draft for these recipients, and records what the portal decision says', async () => {
      const drafts: Draft[] = [];
      const fakeScan = (draft: Draft): ScanResult => {
        drafts.push(draft);
        return {
          phi: true,
          subjectPhi: true,
          findings: [
            { field: 'subject', start: 0, end: 4, kind: 'NAME', category: 'identifier', score: 0.9, recognizer: 'NAME', why: 'a name' },
            { field: 'body', start: 0, end: 4, kind: 'NAME', category: 'identifier', score: 0.9, recognizer: 'NAME', why: 'a name' },
            { field: 'body', start: 5, end: 9, kind: 'LAB', category: 'health', score: 0.9, recognizer: 'LAB', why: 'a lab value' },
          ],
        };
      };
      build({ scanner: { scan: fakeScan } });
      await send();
      expect(drafts).toEqual([
        { subject: MESSAGE.subject, body: MESSAGE.text, attachments: [{ name: 'results.txt', contentType: 'text/plain', text: 'MRN 884211, A1c 6.1% for Maria Lopez' }] },
      ]);
      const [event] = (await t.log.search({ kinds: ['portal_created'] })).events;
      expect(event).toMatchObject({ phiKinds: { NAME: 2, LAB: 1 }, action: 'block', reasonCodes: ['phi_in_subject'] });
    });

    it('reads attachments of any type (PDF, Office, mail, ZIP) for the scan, so PHI in a PDF counts in the audit', async () => {
      const data = Buffer.from(await pdfWith([PHI_TEXT])).toString('base64');
      const res = await send({ ...MESSAGE, attachments: [{ name: 'referral.pdf', contentType: 'application/pdf', data }] });
      expect(res.status).toBe(201);
      const [event] = (await t.log.search({ kinds: ['portal_created'] })).events;
      // The SSN appears only in the PDF.
      expect(event!.phiKinds).toMatchObject({ SSN: 1 });
      expect(JSON.stringify(event)).not.toMatch(/Gonzalez|531-72-0846|referral/);
    });

    it('scans each page as a part of the draft, and stores the message with an attachment it cannot read as uninspectable', async () => {
      const drafts: Draft[] = [];
      build({ scanner: { scan: (draft) => (drafts.push(draft), { phi: false, subjectPhi: false, findings: [] }) } });
      const attachments = [
        { name: 'referral.pdf', contentType: 'application/pdf', data: Buffer.from(await pdfWith(['Page one', 'Page two'])).toString('base64') },
        { name: 'locked.pdf', contentType: 'application/pdf', data: Buffer.from(encryptedPdf()).toString('base64') },
      ];
      expect((await send({ ...MESSAGE, attachments })).status).toBe(201);
      expect(drafts[0]!.attachments).toEqual([
        { name: 'referral.pdf', contentType: 'application/pdf', page: 1, text: 'Page one' },
        { name: 'referral.pdf', contentType: 'application/pdf', page: 2, text: 'Page two' },
        { name: 'locked.pdf', uninspectable: 'encrypted' },
      ]);
    });

    it('does not wait on OCR: an image or scanned page is stored and counted as not read, without asking the OCR engine', async () => {
      const asked: string[] = [];
      const extract: MessageRouteDeps['extractor']['extract'] = (file, options) => (asked.push(`${file.name} ocr=${String(options?.ocr)}`), extractor.extract(file, options));
      const drafts: Draft[] = [];
      build({ extractor: { extract }, scanner: { scan: (draft) => (drafts.push(draft), { phi: false, subjectPhi: false, findings: [] }) } });
      const card = { name: 'card.png', contentType: 'image/png', data: Buffer.from(pngHeader(400, 100)).toString('base64') };
      expect((await send({ ...MESSAGE, attachments: [card] })).status).toBe(201);
      expect(asked).toEqual(['card.png ocr=false']);
      expect(drafts[0]!.attachments).toEqual([{ name: 'card.png', uninspectable: 'ocr_unavailable' }]);
    });

    it('takes an expiry in days up to the policy maximum, and refuses more with 422 expiry_out_of_range', async () => {
      expect((await send({ ...MESSAGE, expiresInDays: 60 })).body.expiresAt).toBe(inDays(60));
      const res = await send({ ...MESSAGE, expiresInDays: 61 });
      expect(res.status).toBe(422);
      expect(res.body.type).toBe(problemType('expiry_out_of_range'));
    });

    it('refuses content over the size limit with 413 message_too_large, before and after parsing', async () => {
      const justOver = await send({ ...MESSAGE, text: 'x'.repeat(MAX_BYTES) });
      expect(justOver.status).toBe(413);
      expect(justOver.body.type).toBe(problemType('message_too_large'));
      const huge = await send({ ...MESSAGE, text: 'x'.repeat(messageBodyLimit(MAX_BYTES)) });
      expect(huge.status).toBe(413);
      expect(huge.body.type).toBe(problemType('message_too_large'));
      expect((await messages.listBySender('alice@clinic.example.org')).messages).toEqual([]);
    });

    it('accepts a message larger than the app-wide JSON limit when it fits the message limit', async () => {
      expect((await send({ ...MESSAGE, text: 'x'.repeat(MAX_BYTES - 500) })).status).toBe(201);
    });

    it.each([
      ['no recipients', { ...MESSAGE, recipients: [] }, { path: 'body.recipients', code: 'too_small' }],
      [`over ${MAX_MESSAGE_RECIPIENTS} recipients`, { ...MESSAGE, recipients: Array.from({ length: MAX_MESSAGE_RECIPIENTS + 1 }, (_, i) => `p${i}@example.org`) }, { path: 'body.recipients', code: 'too_big' }],
      ['a recipient that is not an address', { ...MESSAGE, recipients: ['Maria Lopez <maria@example.org>'] }, { path: 'body.recipients[0]', code: 'invalid_format' }],
      ['an unknown field', { ...MESSAGE, patient: 'Maria Lopez' }, { path: 'body', code: 'unrecognized_keys' }],
      ['an attachment that is not base64', { ...MESSAGE, attachments: [{ name: 'a.txt', contentType: 'text/plain', data: 'Maria Lopez!' }] }, { path: 'body.attachments[0].data', code: 'invalid_format' }],
    ])('refuses %s with 400, never echoing values', async (_title, body, error) => {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([error]);
      expect(res.text).not.toMatch(/Maria/);
    });

    it('needs the user or admin role', async () => {
      expect((await send(MESSAGE, 'auditor')).status).toBe(403);
      expect((await request(app).post(MESSAGES_PREFIX).send(MESSAGE)).status).toBe(401);
    });
  });

  describe('the sender manages their messages', () => {
    const create = async (who: keyof typeof TEST_PRINCIPALS = 'alice') => (await send(MESSAGE, who)).body.id as string;
    const get = (id: string, who: keyof typeof TEST_PRINCIPALS = 'alice') => request(app).get(`${MESSAGES_PREFIX}/${id}`).set(as(who));

    it('lists only their own messages, newest first, a page at a time', async () => {
      const first = await create();
      t.clock.set('2026-03-01T12:00:01.000Z');
      const second = await create();
      await create('admin');
      const page = await request(app).get(MESSAGES_PREFIX).query({ limit: 1 }).set(as('alice'));
      expect(page.status).toBe(200);
      expect(page.body.messages.map((m: { id: string }) => m.id)).toEqual([second]);
      const next = await request(app).get(MESSAGES_PREFIX).query({ limit: 1, cursor: page.body.nextCursor }).set(as('alice'));
      expect(next.body.messages.map((m: { id: string }) => m.id)).toEqual([first]);
      const forged = await request(app).get(MESSAGES_PREFIX).query({ cursor: 'Zm9v' }).set(as('alice'));
      expect(forged.status).toBe(400);
      expect(forged.body.errors).toEqual([{ path: 'query.cursor', code: 'invalid_cursor' }]);
    });

    it('shows a message status to its sender and to admins, and 404 to anyone else', async () => {
      const id = await create();
      const res = await get(id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id,
        sender: 'alice@clinic.example.org',
        createdAt: t.clock.now().toISOString(),
        expiresAt: inDays(14),
        state: 'active',
        recipients: [{ address: PATIENT, failedAttempts: 0 }],
        replies: 0,
      });
      expect((await get(id, 'admin')).status).toBe(200);
      const bobs = (await messages.create('bob@clinic.example.org', { subject: 's', text: 't', attachments: [] }, [PATIENT], new Date(inDays(1)), { phiKinds: {}, reasonCodes: [] })).info.id;
      const hidden = await get(bobs);
      expect(hidden.status).toBe(404);
      expect(hidden.body.type).toBe(problemType('message_not_found'));
      expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await get('not-a-uuid')).status).toBe(400);
    });

    it('records that the notice was sent', async () => {
      const id = await create();
      const res = await request(app).post(`${MESSAGES_PREFIX}/${id}/notice-sent`).set(as('alice'));
      expect(res.status).toBe(200);
      expect(res.body.recipients).toEqual([{ address: PATIENT, failedAttempts: 0, noticeSentAt: t.clock.now().toISOString() }]);
    });

    it('recalls a message once; after that it is 410 message_recalled', async () => {
      const id = await create();
      const recall = () => request(app).post(`${MESSAGES_PREFIX}/${id}/recall`).set(as('alice'));
      const res = await recall();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'recalled', recalledAt: t.clock.now().toISOString() });
      const again = await recall();
      expect(again.status).toBe(410);
      expect(again.body.type).toBe(problemType('message_recalled'));
      const [event] = (await t.log.search({ kinds: ['portal_recalled'] })).events;
      expect(event).toMatchObject({ actor: 'alice@clinic.example.org', detail: { messageId: id } });
    });

    it('an admin can recall anyone’s message; another user cannot', async () => {
      const bobs = (await messages.create('bob@clinic.example.org', { subject: 's', text: 't', attachments: [] }, [PATIENT], new Date(inDays(1)), { phiKinds: {}, reasonCodes: [] })).info.id;
      expect((await request(app).post(`${MESSAGES_PREFIX}/${bobs}/recall`).set(as('alice'))).status).toBe(404);
      expect((await request(app).post(`${MESSAGES_PREFIX}/${bobs}/recall`).set(as('admin'))).status).toBe(200);
    });

    it('moves the expiry within the policy maximum from creation; 422 beyond it or in the past; 410 once expired', async () => {
      const id = await create();
      const patch = (expiresAt: string) => request(app).patch(`${MESSAGES_PREFIX}/${id}`).set(as('alice')).send({ expiresAt });
      const moved = await patch(inDays(60));
      expect(moved.status).toBe(200);
      expect(moved.body.expiresAt).toBe(inDays(60));
      expect((await patch(new Date(Date.parse(inDays(60)) + 1).toISOString())).status).toBe(422);
      expect((await patch(inDays(-1))).body.type).toBe(problemType('expiry_out_of_range'));
      expect((await request(app).patch(`${MESSAGES_PREFIX}/${id}`).set(as('alice')).send({ expiresAt: 'tomorrow' })).status).toBe(400);
      t.clock.advanceDays(61);
      const gone = await patch(inDays(1));
      expect(gone.status).toBe(410);
      expect(gone.body.type).toBe(problemType('message_expired'));
    });
  });

  it('every mounted message route is documented, and the OpenAPI document builds', () => {
    const modules = [messageRoutes(deps)];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    expect(Object.keys(createOpenApiDocument(modules).paths ?? {})).toEqual(
      expect.arrayContaining(['/v1/messages', '/v1/messages/{id}', '/v1/messages/{id}/notice-sent', '/v1/messages/{id}/recall']),
    );
  });
});
