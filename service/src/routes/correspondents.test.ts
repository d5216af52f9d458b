import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createCorrespondents, type Correspondents } from '../correspondents/correspondents.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { storeTargets } from '../store/testing.js';
import { CORRESPONDENTS_PREFIX, correspondentRoutes } from './correspondents.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;

describe('correspondent routes', () => {
  let t: TestAuditLog;
  let correspondents: Correspondents;
  let app: Express;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    correspondents = createCorrespondents({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    app = express();
    app.use(express.json());
    mountRoutes(app, [correspondentRoutes({ correspondents, requireRole: fakeRequireRole })]);
    app.use(notFound);
    app.use(problemHandler);
  });
  afterEach(async () => t.dispose());

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });

  it('lists learned domains, and an admin adds and removes domains, audited', async () => {
    await t.log.appendBatch(
      'alice@clinic.example.org',
      ['a', 'b', 'c'].map((id) => sampleEvent(id, { kind: 'send_allowed', action: 'allow', reasonCodes: [], recipients: [`${id}@partner.org`] })),
    );
    const added = await request(app).put(`${CORRESPONDENTS_PREFIX}/${encodeURIComponent('München-Klinik.de')}`).set(as('admin'));
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ domain: 'xn--mnchen-klinik-wob.de', status: 'added', changedBy: 'admin@clinic.example.org' });
    expect((await request(app).delete(`${CORRESPONDENTS_PREFIX}/partner.org`).set(as('admin'))).status).toBe(200);

    const list = await request(app).get(CORRESPONDENTS_PREFIX).set(as('admin'));
    expect(list.status).toBe(200);
    expect(list.body.correspondents).toMatchObject([
      { domain: 'partner.org', known: false, origin: 'removed', sends: 3 },
      { domain: 'xn--mnchen-klinik-wob.de', known: true, origin: 'added', sends: 0 },
    ]);
    expect(await correspondents.knownDomains()).toEqual(['xn--mnchen-klinik-wob.de']);
    expect((await t.log.search({ kinds: ['correspondent_added', 'correspondent_removed'] })).events).toHaveLength(2);
  });

  it('refuses what is not a domain with 400, and non-admins with 403', async () => {
    const res = await request(app).put(`${CORRESPONDENTS_PREFIX}/192.0.2.1`).set(as('admin'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'params.domain', code: 'invalid_format' }]);
    expect((await request(app).put(`${CORRESPONDENTS_PREFIX}/partner.org`).set(as('alice'))).status).toBe(403);
    expect((await request(app).get(CORRESPONDENTS_PREFIX).set(as('auditor'))).status).toBe(403);
  });

  it('every mounted correspondent route is documented, and the OpenAPI document builds', () => {
    const modules = [correspondentRoutes({ correspondents, requireRole: fakeRequireRole })];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    expect(Object.keys(createOpenApiDocument(modules).paths ?? {})).toEqual(['/v1/correspondents', '/v1/correspondents/{domain}']);
  });
});
