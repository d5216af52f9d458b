// POST /v1/scan/attachments over HTTP: in the whole app (its JSON parser order, real audit log,
// captured logs, the real extractor), and as a module for the limits and the busy answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { PolicySchema } from '@phiguard/core';
import type { Extraction } from '@phiguard/attachments';
import { createExtractor, type Extractor } from '../attachments/extractor.js';
import { encryptedPdf, pdfWith } from '../../../attachments/src/testing/fixtures.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Principal, Role } from '../auth/principal.js';
import { fakeRequireRole } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountedRoutes, mountRoutes } from '../http/route-registry.js';
import { createTestApp, disposeTestApps, type TestApp } from '../http/testing.js';
import { AttachmentScanResponseSchema, isAttachmentScan, MAX_SCAN_ATTACHMENTS, SCAN_PREFIX, scanAttachmentRoutes } from './scan-attachments.js';

const URL = `${SCAN_PREFIX}/attachments`;
const MAX_BYTES = 64 * 1024;
const PATIENT = 'Maria Gonzalez';
const SSN = '531-72-0846';
const REFERRAL_NAME = 'Referral for Maria Gonzalez.pdf';
const problemType = (code: string) => `https://phiguard.dev/problems/${code}`;
const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');

/** Bearer `<role>` signs in as someone with that one role. */
const verifier = {
  verify: async (token: string): Promise<Principal> => ({ sub: token, email: `${token}@clinic.example.org`, roles: [token as Role], issuer: 'dev' }),
};

describe('POST /v1/scan/attachments in the service', () => {
  let t: TestApp;
  let extractor: Extractor;
  let referral: string;
  let locked: string;

  beforeAll(async () => {
    extractor = createExtractor({ limits: { maxBytes: MAX_BYTES } });
    // The app-wide JSON limit at its smallest: this route must parse its own, larger bodies.
    t = await createTestApp({ config: { bodyLimitBytes: 1024 }, deps: { verifier, extractor } });
    referral = b64(await pdfWith(['Referral letter', `Patient ${PATIENT}, SSN ${SSN}, type 2 diabetes.`]));
    locked = b64(encryptedPdf());
  });
  afterAll(async () => {
    await extractor.close();
    await disposeTestApps();
  });

  const post = (body: object, token: string | null = 'user') => {
    const req = request(t.app).post(URL);
    return (token === null ? req : req.set('Authorization', `Bearer ${token}`)).send(body);
  };

  it('extracts each page, answers its text, and counts what the shared scan found by attachment name and page', async () => {
    const res = await post({ attachments: [{ name: REFERRAL_NAME, contentType: 'application/pdf', data: referral }] });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = AttachmentScanResponseSchema.parse(res.body);
    expect(body.parts).toEqual([
      { name: REFERRAL_NAME, contentType: 'application/pdf', page: 1, text: 'Referral letter' },
      { name: REFERRAL_NAME, contentType: 'application/pdf', page: 2, text: `Patient ${PATIENT}, SSN ${SSN}, type 2 diabetes.` },
    ]);
    expect(body.findings).toEqual([{ part: 1, name: REFERRAL_NAME, page: 2, kinds: expect.objectContaining({ SSN: 1, NAME: 1 }) }]);
    expect(body.uninspectable).toEqual([]);
  });

  it('finds nothing in a clean file', async () => {
    const res = await post({ attachments: [{ name: 'lunch.txt', contentType: 'text/plain', data: b64('Lunch at noon on Tuesday in the small room.') }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parts: [expect.objectContaining({ name: 'lunch.txt', text: 'Lunch at noon on Tuesday in the small room.' })], uninspectable: [], findings: [] });
  });

  it('reports a password-protected file as not inspected, with the reason', async () => {
    const res = await post({ attachments: [{ name: 'locked.pdf', data: locked }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parts: [], uninspectable: [{ name: 'locked.pdf', reason: 'encrypted' }], findings: [] });
  });

  it('refuses an attachment over the extractor limit with 413, naming it by position only', async () => {
    const big = b64(Buffer.alloc(MAX_BYTES + 1, 0x41));
    const res = await post({ attachments: [{ name: 'ok.txt', data: b64('fine') }, { name: REFERRAL_NAME, data: big }] });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: problemType('attachment_too_large'), errors: [{ path: 'body.attachments[1].data', code: 'too_big' }] });
    expect(res.text).not.toContain(PATIENT);
  });

  it('takes a user or admin token; no token is 401, an auditor 403', async () => {
    const body = { attachments: [{ name: 'lunch.txt', data: b64('Lunch') }] };
    expect((await post(body, 'admin')).status).toBe(200);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, 'auditor')).status).toBe(403);
  });

  it.each([
    ['no attachments', { attachments: [] }, { path: 'body.attachments', code: 'too_small' }],
    [`over ${MAX_SCAN_ATTACHMENTS} attachments`, { attachments: Array.from({ length: MAX_SCAN_ATTACHMENTS + 1 }, () => ({ name: 'a.txt', data: b64('a') })) }, { path: 'body.attachments', code: 'too_big' }],
    ['data that is not base64', { attachments: [{ name: REFERRAL_NAME, data: `${PATIENT}!` }] }, { path: 'body.attachments[0].data', code: 'invalid_format' }],
    ['an unknown field', { attachments: [{ name: 'a.txt', data: b64('a') }], patient: PATIENT }, { path: 'body', code: 'unrecognized_keys' }],
  ])('refuses %s with 400, never echoing values', async (_title, body, error) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([error]);
    expect(res.text).not.toContain(PATIENT);
  });

  it('audits one event per call with counts and PHI kinds only: no attachment name or text in the audit log or the logs', async () => {
    const before = (await t.auditLog.search({ kinds: ['attachments_scanned'] })).events.length;
    const res = await post({
      attachments: [
        { name: REFERRAL_NAME, contentType: 'application/pdf', data: referral },
        { name: `${PATIENT} insurance card.pdf`, data: locked },
        { name: 'lunch.txt', data: b64('Lunch at noon') },
      ],
    });
    expect(res.status).toBe(200);
    const { events } = await t.auditLog.search({ kinds: ['attachments_scanned'] });
    expect(events).toHaveLength(before + 1);
    const event = events[0]!;
    expect(event).toMatchObject({
      kind: 'attachments_scanned',
      actor: 'user@clinic.example.org',
      client: 'service',
      recipients: [],
      detail: { attachments: 3, uninspectable: 1 },
      phiKinds: expect.objectContaining({ SSN: 1, NAME: 1 }),
    });
    const stored = JSON.stringify(event);
    const logs = t.logs.text();
    for (const secret of [PATIENT, SSN, 'Referral', 'insurance card', 'lunch', 'diabetes']) {
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});

describe('the attachment scan route module', () => {
  const policy = () => PolicySchema.parse({});
  const auditLog: Pick<AuditLog, 'recordAttachmentScan'> = { recordAttachmentScan: async () => ({ clientEventId: 'x', seq: 1, hash: '0'.repeat(64), recorded: '', status: 'created' }) };

  function appWith(extractor: Pick<Extractor, 'extract' | 'limits'>, options: { bodyLimitBytes?: number; gate?: { concurrency: number; maxQueued: number; maxWaitMs: number } } = {}) {
    const app = express();
    // As the app must wire it: its own small JSON parser leaves this route's body to the route.
    app.use(express.json({ limit: '1kb', type: (req) => !isAttachmentScan(req as express.Request) && /json/.test(String(req.headers['content-type'])) }));
    const module = scanAttachmentRoutes({ requireRole: fakeRequireRole, extractor, auditLog, policy, ...options });
    mountRoutes(app, [module]);
    app.use(notFound);
    app.use(problemHandler);
    return { app, module };
  }
  const send = (app: express.Express, body: object) => request(app).post(URL).set('Authorization', 'Test alice').send(body);
  const small = { name: 'a.txt', data: b64('hello') };

  it('refuses a body over its own limit with 413 body_too_large', async () => {
    const { app } = appWith(createExtractor(), { bodyLimitBytes: 2048 });
    const res = await send(app, { attachments: [{ name: 'a.txt', data: b64(Buffer.alloc(4096, 0x41)) }] });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe(problemType('body_too_large'));
  });

  it('extracts at most `concurrency` requests at once and tells the rest to come back later: 503 busy with Retry-After', async () => {
    let finish!: () => void;
    const started: string[] = [];
    const slow: Pick<Extractor, 'extract' | 'limits'> = {
      limits: createExtractor().limits,
      extract: (file) => {
        started.push(file.name);
        return new Promise<Extraction>((resolve) => (finish = () => resolve({ parts: [], uninspectable: [] })));
      },
    };
    const { app } = appWith(slow, { gate: { concurrency: 1, maxQueued: 0, maxWaitMs: 1000 } });
    const first = send(app, { attachments: [small] }).then((res) => res);
    while (started.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await send(app, { attachments: [small] });
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('5');
    expect(second.body.type).toBe(problemType('busy'));
    finish();
    expect((await first).status).toBe(200);
    expect(started).toHaveLength(1);
    // The slot is free again once the first answer is sent.
    const third = send(app, { attachments: [small] }).then((res) => res);
    while (started.length === 1) await new Promise((resolve) => setTimeout(resolve, 5));
    finish();
    expect((await third).status).toBe(200);
  });

  it('is documented: every mounted route, and the OpenAPI document builds', () => {
    const { app, module } = appWith(createExtractor());
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`)).toEqual(documentedRoutes([module]).map(({ method, path }) => `${method} ${path}`));
    expect(Object.keys(createOpenApiDocument([module]).paths ?? {})).toEqual(['/v1/scan/attachments']);
  });
});
