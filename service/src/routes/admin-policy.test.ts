// The policy editor's routes through the whole app (real role checks, the app's policy source,
// the audit log on SQLite), with a verifier that maps `Bearer <name>` to a test principal.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Router, type Express } from 'express';
import request from 'supertest';
import { DEFAULT_POLICY, parsePolicy } from '@phiguard/core';
import type { AuditLog } from '../audit/audit-log.js';
import { invalidToken } from '../auth/errors.js';
import { TEST_PRINCIPALS } from '../auth/testing.js';
import { documentedRoutes, mountedRoutes } from '../http/route-registry.js';
import { createTestApp, disposeTestApps } from '../http/testing.js';
import { ADMIN_POLICY_PREFIX, ADMIN_POLICY_ROUTE_DOCS } from './admin-policy.js';

const CLINIC = { organisation: { name: 'Northside Clinic', domains: ['Clinic.Example.org'] }, rules: { phi_external: 'block' } };
const STRICTER = { ...CLINIC, rules: { phi_external: 'block', phi_partner: 'block' } };

afterAll(disposeTestApps);

describe('admin policy routes', () => {
  let app: Express;
  let auditLog: AuditLog;
  beforeEach(async () => {
    ({ app, auditLog } = await createTestApp({
      deps: {
        verifier: {
          verify: async (token) => {
            const principal = TEST_PRINCIPALS[token];
            if (principal === undefined) throw invalidToken('malformed');
            return principal;
          },
        },
      },
    }));
  });

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Bearer ${who}` });
  const save = (policy: unknown, note?: string) =>
    request(app).put(ADMIN_POLICY_PREFIX).set(as('admin')).send({ policy, ...(note === undefined ? {} : { note }) });
  const audited = async () => (await auditLog.search({ kinds: ['policy_changed'] })).events;

  it('before any save, the built-in default is in force as version 0, and is what the editor starts from', async () => {
    const res = await request(app).get(ADMIN_POLICY_PREFIX).set(as('admin'));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ version: 0, source: 'default', policy: DEFAULT_POLICY, input: DEFAULT_POLICY });
  });

  it('a save becomes version 1, served at once to the add-ins by GET /v1/policy, and audited', async () => {
    const res = await save(CLINIC, 'Block PHI to outside addresses');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      source: 'store',
      input: CLINIC,
      createdBy: 'admin@clinic.example.org',
      note: 'Block PHI to outside addresses',
      policy: { organisation: { domains: ['clinic.example.org'] }, rules: { phi_external: 'block', phi_partner: 'encrypt' } },
    });
    expect((await request(app).get(ADMIN_POLICY_PREFIX).set(as('auditor'))).body).toEqual(res.body);

    const served = await request(app).get('/v1/policy').set(as('alice'));
    expect(served.status).toBe(200);
    expect(served.body).toEqual(res.body.policy);
    expect(parsePolicy(served.body)).toEqual({ ok: true, policy: served.body });
    expect((await audited()).map((e) => [e.actor, e.detail])).toEqual([['admin@clinic.example.org', { version: 1, previousVersion: 0 }]]);
  });

  it('recipient lookups classify with the saved policy', async () => {
    await save(CLINIC);
    const res = await request(app)
      .post('/v1/recipients/lookup')
      .set(as('alice'))
      .send({ recipients: [{ address: 'bob@clinic.example.org' }] });
    expect(res.status).toBe(200);
    expect(res.body.recipients[0].classification).toBe('internal');
  });

  it('an invalid policy is 422 problem+json naming each field, and nothing is saved', async () => {
    const res = await save({ organisation: { domains: ['clinic.example.org', 'not a domain'] }, rules: { phi_external: 'shrug' } });
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/invalid_policy', status: 422 });
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'organisation.domains[1]', code: 'invalid_format', message: expect.any(String) },
        { path: 'rules.phi_external', code: 'invalid_value', message: expect.any(String) },
      ]),
    );
    expect((await request(app).get(ADMIN_POLICY_PREFIX).set(as('admin'))).body.version).toBe(0);
    expect((await request(app).get(`${ADMIN_POLICY_PREFIX}/history`).set(as('admin'))).body).toEqual({ versions: [] });
    expect(await audited()).toEqual([]);
  });

  it('a body that is not {policy: object, note?} is 400 validation_failed', async () => {
    for (const body of [{}, { policy: 'x' }, { policy: {}, note: 'x'.repeat(501) }, { policy: {}, extra: true }]) {
      const res = await request(app).put(ADMIN_POLICY_PREFIX).set(as('admin')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('https://phiguard.dev/problems/validation_failed');
    }
  });

  it('validate checks without saving: issues while invalid, the effective policy once valid', async () => {
    const invalid = await request(app).post(`${ADMIN_POLICY_PREFIX}/validate`).set(as('admin')).send({ policy: { failMode: 'maybe' } });
    expect(invalid.status).toBe(200);
    expect(invalid.body).toEqual({ ok: false, issues: [{ path: 'failMode', code: 'invalid_value', message: expect.any(String) }] });
    const valid = await request(app).post(`${ADMIN_POLICY_PREFIX}/validate`).set(as('admin')).send({ policy: CLINIC });
    expect(valid.body).toMatchObject({ ok: true, issues: [], effective: { organisation: { domains: ['clinic.example.org'] } } });
    expect((await request(app).get(ADMIN_POLICY_PREFIX).set(as('admin'))).body.version).toBe(0);
    expect(await audited()).toEqual([]);
  });

  it('history lists versions newest first without bodies; each version is readable with its input', async () => {
    await save(CLINIC, 'first');
    await save(STRICTER);
    await save(CLINIC, 'third');
    const history = await request(app).get(`${ADMIN_POLICY_PREFIX}/history?limit=2`).set(as('auditor'));
    expect(history.status).toBe(200);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    expect(history.body.versions[0]).toEqual({ version: 3, createdAt: expect.any(String), createdBy: 'admin@clinic.example.org', note: 'third' });
    const older = await request(app).get(`${ADMIN_POLICY_PREFIX}/history?before=2`).set(as('admin'));
    expect(older.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);

    const v2 = await request(app).get(`${ADMIN_POLICY_PREFIX}/versions/2`).set(as('auditor'));
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual({ version: 2, input: STRICTER, createdAt: expect.any(String), createdBy: 'admin@clinic.example.org' });
    expect((await request(app).get(`${ADMIN_POLICY_PREFIX}/versions/9`).set(as('admin'))).status).toBe(404);
    expect((await request(app).get(`${ADMIN_POLICY_PREFIX}/versions/first`).set(as('admin'))).status).toBe(400);
    expect((await request(app).get(`${ADMIN_POLICY_PREFIX}/history?limit=0`).set(as('admin'))).status).toBe(400);
  });

  it('revert creates a new version equal to the old one, in force at once', async () => {
    const first = (await save(CLINIC)).body;
    await save(STRICTER);
    expect((await request(app).get('/v1/policy').set(as('alice'))).body.rules.phi_partner).toBe('block');

    const res = await request(app).post(`${ADMIN_POLICY_PREFIX}/revert`).set(as('admin')).send({ version: 1, note: 'Partners complained' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 3, source: 'store', revertedFrom: 1, note: 'Partners complained', input: first.input });
    expect(res.body.policy).toEqual(first.policy);
    expect((await request(app).get('/v1/policy').set(as('alice'))).body).toEqual(first.policy);
    expect((await audited())[0]!.detail).toEqual({ version: 3, previousVersion: 2, revertedFrom: 1 });

    const missing = await request(app).post(`${ADMIN_POLICY_PREFIX}/revert`).set(as('admin')).send({ version: 42 });
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('https://phiguard.dev/problems/policy_version_not_found');
  });

  it('a user gets 403 on every route; an auditor reads but cannot write; no token is 401', async () => {
    const routes = [
      () => request(app).get(ADMIN_POLICY_PREFIX),
      () => request(app).put(ADMIN_POLICY_PREFIX).send({ policy: CLINIC }),
      () => request(app).post(`${ADMIN_POLICY_PREFIX}/validate`).send({ policy: CLINIC }),
      () => request(app).get(`${ADMIN_POLICY_PREFIX}/history`),
      () => request(app).get(`${ADMIN_POLICY_PREFIX}/versions/1`),
      () => request(app).post(`${ADMIN_POLICY_PREFIX}/revert`).send({ version: 1 }),
    ];
    await save(CLINIC);
    for (const route of routes) {
      expect((await route().set(as('alice'))).status).toBe(403);
      expect((await route()).status).toBe(401);
    }
    const auditorStatuses = [];
    for (const route of routes) auditorStatuses.push((await route().set(as('auditor'))).status);
    expect(auditorStatuses).toEqual([200, 403, 403, 200, 200, 403]);
    expect((await audited()).length).toBe(1);
  });

  it('every mounted route is documented, the 422 with its issues', async () => {
    const ours = ({ path }: { path: string }) => path.startsWith(ADMIN_POLICY_PREFIX);
    const modules = [{ prefix: ADMIN_POLICY_PREFIX, router: Router(), routes: ADMIN_POLICY_ROUTE_DOCS }];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`);
    expect(mountedRoutes(app).filter(ours).map(({ method, path }) => `${method} ${path}`).sort()).toEqual([...documented].sort());
    expect(documented).toHaveLength(6);
    const doc = (await request(app).get('/openapi.json')).body;
    expect(doc.paths[ADMIN_POLICY_PREFIX].put.responses['422'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/InvalidPolicyProblem',
    });
    expect(doc.components.schemas.InvalidPolicyProblem.required).toContain('issues');
  });
});
