import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { MAX_CSV_BYTES } from '../consent/csv.js';
import { createConsentRegistry, type ConsentRegistry } from '../consent/registry.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { storeTargets } from '../store/testing.js';
import { CONSENTS_PREFIX, consentRoutes } from './consents.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;

const CONSENT = {
  address: 'Maria.Lopez@Gmail.com',
  patientRef: 'MRN-884211',
  allowUnencrypted: true,
  consentedOn: '2026-02-20',
  source: 'portal-form',
};

describe('consent routes', () => {
  let t: TestAuditLog;
  let registry: ConsentRegistry;
  let app: Express;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    registry = createConsentRegistry({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    app = express();
    app.use(express.json());
    mountRoutes(app, [consentRoutes({ registry, requireRole: fakeRequireRole })]);
    app.use(notFound);
    app.use(problemHandler);
  });
  afterEach(async () => t.dispose());

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });
  const importCsv = (text: string, who = 'admin') => request(app).post(`${CONSENTS_PREFIX}/import`).set(as(who)).set('Content-Type', 'text/csv').send(text);

  it('an admin records a consent (201) and it is audited as theirs', async () => {
    const res = await request(app).post(CONSENTS_PREFIX).set(as('admin')).send(CONSENT);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ address: 'maria.lopez@gmail.com', allowUnencrypted: true, recordedBy: 'admin@clinic.example.org' });
    const [event] = (await t.log.search({ kinds: ['consent_recorded'] })).events;
    expect(event).toMatchObject({ actor: 'admin@clinic.example.org', detail: { consentId: res.body.id } });
  });

  it('an invalid consent is refused with paths and codes, never the values', async () => {
    const res = await request(app).post(CONSENTS_PREFIX).set(as('admin')).send({ ...CONSENT, patientRef: 'Maria Lopez DOB 1980-01-02', note: 'HIV' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'body.patientRef', code: 'invalid_format' },
      { path: 'body', code: 'unrecognized_keys' },
    ]);
    expect(res.text).not.toMatch(/Maria|HIV|1980/);
  });

  it('only admins reach the registry', async () => {
    expect((await request(app).post(CONSENTS_PREFIX).set(as('alice')).send(CONSENT)).status).toBe(403);
    expect((await request(app).get(CONSENTS_PREFIX).set(as('auditor'))).status).toBe(403);
    expect((await importCsv('address\n', 'alice')).status).toBe(403);
    expect((await request(app).get(CONSENTS_PREFIX)).status).toBe(401);
  });

  describe('POST /v1/consents/import', () => {
    it('imports the good rows and answers 200 with the bad ones by line and column', async () => {
      const res = await importCsv(
        [
          '\ufeffaddress,patient_ref,consent_unencrypted,date,source',
          'maria.lopez@gmail.com,MRN-1,yes,2026-01-15,ehr-import',
          'Maria Lopez,MRN-2,yes,2026-01-15,ehr-import',
          'j.smith@example.net,MRN-3,no,2026-01-16,ehr-import',
        ].join('\r\n'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: 2, rejected: 1, errors: [{ line: 3, column: 'address', code: 'invalid' }] });
      expect(res.text).not.toContain('Maria');
      expect((await registry.list()).consents).toHaveLength(2);
    });

    it('a file without the required header is 422 naming the missing columns', async () => {
      const res = await importCsv('maria.lopez@gmail.com,MRN-1,yes,2026-01-15,ehr-import\n');
      expect(res.status).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({
        type: 'https://phiguard.dev/problems/csv_missing_columns',
        columns: ['address', 'patient_ref', 'consent_unencrypted', 'date', 'source'],
      });
      expect(res.text).not.toContain('maria');
    });

    it('a body that is not text/csv is 415', async () => {
      const res = await request(app).post(`${CONSENTS_PREFIX}/import`).set(as('admin')).send({ address: 'x@y.org' });
      expect(res.status).toBe(415);
    });

    it('a file over the size cap is 413 and nothing is imported', async () => {
      const res = await importCsv(`address,patient_ref,consent_unencrypted,date,source\n${'x'.repeat(MAX_CSV_BYTES)}`);
      expect(res.status).toBe(413);
      expect((await registry.list()).consents).toEqual([]);
    });
  });

  describe('revoke and list', () => {
    it('revokes a consent, keeps it in the list, and refuses a second revoke (409) or an unknown id (404)', async () => {
      const { body: recorded } = await request(app).post(CONSENTS_PREFIX).set(as('admin')).send(CONSENT);
      const revoked = await request(app).post(`${CONSENTS_PREFIX}/${recorded.id}/revoke`).set(as('admin'));
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: recorded.id, revokedBy: 'admin@clinic.example.org' });
      const again = await request(app).post(`${CONSENTS_PREFIX}/${recorded.id}/revoke`).set(as('admin'));
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('https://phiguard.dev/problems/already_revoked');
      const unknown = await request(app).post(`${CONSENTS_PREFIX}/0190f0e0-0000-7000-8000-000000000000/revoke`).set(as('admin'));
      expect(unknown.status).toBe(404);
      expect((await request(app).post(`${CONSENTS_PREFIX}/not-an-id/revoke`).set(as('admin'))).status).toBe(400);

      const list = await request(app).get(CONSENTS_PREFIX).query({ address: 'maria.lopez@gmail.com' }).set(as('admin'));
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ consents: [revoked.body] });
    });

    it('pages with a cursor and refuses a forged one', async () => {
      for (const address of ['a@example.org', 'b@example.org']) {
        await request(app).post(CONSENTS_PREFIX).set(as('admin')).send({ ...CONSENT, address });
        t.clock.advanceDays(1);
      }
      const first = await request(app).get(CONSENTS_PREFIX).query({ limit: 1 }).set(as('admin'));
      expect(first.body.consents.map((c: { address: string }) => c.address)).toEqual(['b@example.org']);
      const second = await request(app).get(CONSENTS_PREFIX).query({ limit: 1, cursor: first.body.nextCursor }).set(as('admin'));
      expect(second.body.consents.map((c: { address: string }) => c.address)).toEqual(['a@example.org']);
      const forged = await request(app).get(CONSENTS_PREFIX).query({ cursor: 'Zm9v' }).set(as('admin'));
      expect(forged.status).toBe(400);
      expect(forged.body.errors).toEqual([{ path: 'query.cursor', code: 'invalid_cursor' }]);
    });
  });

  it('every mounted consent route is documented, and the OpenAPI document builds', () => {
    const modules = [consentRoutes({ registry, requireRole: fakeRequireRole })];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    expect(Object.keys(createOpenApiDocument(modules).paths ?? {})).toEqual(expect.arrayContaining(['/v1/consents', '/v1/consents/import', '/v1/consents/{id}/revoke']));
  });
});
