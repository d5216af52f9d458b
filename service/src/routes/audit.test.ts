import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { storeTargets } from '../store/testing.js';
import { AUDIT_PREFIX, auditRoutes, MAX_AUDIT_BATCH } from './audit.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;

describe('audit routes', () => {
  let t: TestAuditLog;
  let app: Express;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    app = express();
    app.use(express.json());
    mountRoutes(app, [auditRoutes({ auditLog: t.log, requireRole: fakeRequireRole })]);
    app.use(notFound);
    app.use(problemHandler);
  });
  afterEach(async () => t.dispose());

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });
  const post = (who: string, events: unknown[]) => request(app).post(`${AUDIT_PREFIX}/events`).set(as(who)).send({ events });

  describe('POST /v1/audit/events', () => {
    it('records a batch for the signed-in user and answers 201 with a result per event', async () => {
      const res = await post('alice', [sampleEvent('e-1'), sampleEvent('e-2')]);
      expect(res.status).toBe(201);
      expect(res.body.results).toEqual([
        { clientEventId: 'e-1', seq: 1, hash: expect.any(String), recorded: expect.any(String), status: 'created' },
        { clientEventId: 'e-2', seq: 2, hash: expect.any(String), recorded: expect.any(String), status: 'created' },
      ]);
      const [event] = (await t.log.search({})).events;
      expect(event!.actor).toBe('alice@clinic.example.org');
    });

    it('a retried batch answers 200 with the original results', async () => {
      const first = await post('alice', [sampleEvent('e-1')]);
      const again = await post('alice', [sampleEvent('e-1')]);
      expect(again.status).toBe(200);
      expect(again.body.results).toEqual([{ ...first.body.results[0], status: 'duplicate' }]);
    });

    it('a batch mixing new and known events answers 201', async () => {
      await post('alice', [sampleEvent('e-1')]);
      const res = await post('alice', [sampleEvent('e-1'), sampleEvent('e-2')]);
      expect(res.status).toBe(201);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'created']);
    });

    it('an invalid event rejects the whole batch with the field path and code, never the value', async () => {
      const res = await post('alice', [sampleEvent('e-1'), { ...sampleEvent('e-2'), subject: 'HIV test results for John' }]);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/validation_failed', errors: [{ path: 'body.events[1]', code: 'unrecognized_keys' }] });
      expect(res.text).not.toContain('HIV');
      expect(res.text).not.toContain('subject');
      expect((await t.log.search({})).events).toEqual([]);
    });

    it('the actor cannot be chosen in the body', async () => {
      const res = await post('alice', [{ ...sampleEvent('e-1'), actor: 'someone@else.org' }]);
      expect(res.status).toBe(400);
    });

    it(`a batch over ${MAX_AUDIT_BATCH} events is refused`, async () => {
      const res = await post('alice', Array.from({ length: MAX_AUDIT_BATCH + 1 }, (_, i) => sampleEvent(`e-${i}`, { recipients: [] })));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.events', code: 'too_big' }]);
    });

    it('an auditor cannot write events, and nobody can without a token', async () => {
      expect((await post('auditor', [sampleEvent('e-1')])).status).toBe(403);
      expect((await request(app).post(`${AUDIT_PREFIX}/events`).send({ events: [sampleEvent('e-1')] })).status).toBe(401);
    });
  });

  describe('reading the log', () => {
    beforeEach(async () => {
      await post('alice', [
        sampleEvent('e-1', { kind: 'scan', recipients: [] }),
        sampleEvent('e-2', { recipients: ['carol@partner.org'] }),
        sampleEvent('e-3', { kind: 'override', action: 'warn', justification: 'Asked by the patient.' }),
      ]);
    });

    it('admins and auditors search with filters and a cursor; users cannot', async () => {
      const first = await request(app).get(`${AUDIT_PREFIX}/events?kind=scan,override&limit=1`).set(as('auditor'));
      expect(first.status).toBe(200);
      expect(first.body.events.map((e: { clientEventId: string }) => e.clientEventId)).toEqual(['e-3']);
      const second = await request(app).get(`${AUDIT_PREFIX}/events`).query({ kind: 'scan,override', limit: 1, cursor: first.body.nextCursor }).set(as('admin'));
      expect(second.body.events.map((e: { clientEventId: string }) => e.clientEventId)).toEqual(['e-1']);
      expect((await request(app).get(`${AUDIT_PREFIX}/events`).set(as('alice'))).status).toBe(403);
    });

    it('a recipient filter finds the events sent to that address', async () => {
      const res = await request(app).get(`${AUDIT_PREFIX}/events`).query({ recipient: 'carol@partner.org' }).set(as('auditor'));
      expect(res.body.events.map((e: { clientEventId: string }) => e.clientEventId)).toEqual(['e-2']);
    });

    it.each([
      ['an unknown parameter', { recipent: 'x@y.org' }, 'query', 'unrecognized_keys'],
      ['an unknown kind', { kind: 'scan,gossip' }, 'query.kind[1]', 'invalid_value'],
      ['a limit over the maximum', { limit: '5000' }, 'query.limit', 'too_big'],
      ['a time without offset', { from: '2026-01-01' }, 'query.from', 'invalid_format'],
      ['a forged cursor', { cursor: 'Zm9v' }, 'query.cursor', 'invalid_cursor'],
    ])('refuses %s with 400', async (_name, query, path, code) => {
      const res = await request(app).get(`${AUDIT_PREFIX}/events`).query(query).set(as('auditor'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path, code }]);
    });

    it('exports CSV, and the export is itself audited (its record is the last row)', async () => {
      const res = await request(app).get(`${AUDIT_PREFIX}/export.csv`).set(as('auditor'));
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/csv');
      expect(res.headers['content-disposition']).toBe('attachment; filename="audit-events.csv"');
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^seq,recorded,time,kind,actor,/);
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
        expect.stringMatching(/^1,.*,scan$/),
        expect.stringMatching(/^2,.*,send_blocked$/),
        expect.stringMatching(/^3,.*,override$/),
        expect.stringMatching(/^4,.*,export$/),
      ]);
      const [exported] = (await t.log.search({ kinds: ['export'] })).events;
      expect(exported).toMatchObject({ actor: 'auditor@clinic.example.org', detail: { format: 'csv' } });
    });

    it('exports FHIR AuditEvent NDJSON filtered like a search', async () => {
      const res = await request(app).get(`${AUDIT_PREFIX}/export.ndjson`).query({ kind: 'override' }).set(as('admin'));
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/fhir+ndjson');
      const resources = res.text.trimEnd().split('\n').map((line) => JSON.parse(line) as { resourceType: string; id: string });
      expect(resources).toMatchObject([{ resourceType: 'AuditEvent', id: '3' }]);
    });

    it('verify reports an intact log, and names the seq once a row is edited', async () => {
      const ok = await request(app).get(`${AUDIT_PREFIX}/verify`).set(as('auditor'));
      expect(ok.body).toMatchObject({ ok: true, events: 3, problems: [] });
      await t.db.store.run("UPDATE audit_event SET action = 'allow' WHERE seq = 2");
      const bad = await request(app).get(`${AUDIT_PREFIX}/verify`).set(as('auditor'));
      expect(bad.status).toBe(200);
      expect(bad.body).toMatchObject({ ok: false, problems: [{ seq: 2, code: 'hash_mismatch' }] });
    });
  });

  describe('checkpoints', () => {
    it('there is no checkpoint before the first is signed', async () => {
      const res = await request(app).get(`${AUDIT_PREFIX}/checkpoints/latest`);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('https://phiguard.dev/problems/no_checkpoint');
    });

    it('an admin signs one on demand; anyone can read it and the public key', async () => {
      await post('alice', [sampleEvent('e-1')]);
      const signed = await request(app).post(`${AUDIT_PREFIX}/checkpoints`).set(as('admin'));
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ size: 1, origin: 'phi-guard/audit' });
      const latest = await request(app).get(`${AUDIT_PREFIX}/checkpoints/latest`);
      expect(latest.body).toEqual(signed.body);
      const key = await request(app).get(`${AUDIT_PREFIX}/key`);
      expect(key.body).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: signed.body.keyId, alg: 'EdDSA', use: 'sig' });
      expect((await request(app).post(`${AUDIT_PREFIX}/checkpoints`).set(as('auditor'))).status).toBe(403);
    });

    it('a broken chain is not signed: 409 naming the seq', async () => {
      await post('alice', [sampleEvent('e-1')]);
      await t.db.store.run("UPDATE audit_event SET actor = 'x' WHERE seq = 1");
      const res = await request(app).post(`${AUDIT_PREFIX}/checkpoints`).set(as('admin'));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/audit_chain_broken', detail: expect.stringContaining('seq 1') });
    });
  });

  describe('legal holds', () => {
    it('an admin places, lists and releases a hold', async () => {
      const placed = await request(app).post(`${AUDIT_PREFIX}/holds`).set(as('admin')).send({ recipient: 'carol@partner.org', reason: 'Case 2026-17' });
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ id: expect.any(String), recipient: 'carol@partner.org', placedBy: 'admin@clinic.example.org' });
      const listed = await request(app).get(`${AUDIT_PREFIX}/holds?active=true`).set(as('auditor'));
      expect(listed.body.holds).toEqual([placed.body]);
      const released = await request(app).delete(`${AUDIT_PREFIX}/holds/${placed.body.id}`).set(as('admin'));
      expect(released.status).toBe(200);
      expect(released.body.releasedBy).toBe('admin@clinic.example.org');
      expect((await request(app).delete(`${AUDIT_PREFIX}/holds/${placed.body.id}`).set(as('admin'))).status).toBe(404);
    });

    it('a hold without scope or reason is refused, and only admins place holds', async () => {
      const res = await request(app).post(`${AUDIT_PREFIX}/holds`).set(as('admin')).send({ reason: 'everything' });
      expect(res.status).toBe(400);
      expect((await request(app).post(`${AUDIT_PREFIX}/holds`).set(as('auditor')).send({ actor: 'a@b.org', reason: 'x' })).status).toBe(403);
    });
  });

  it('every mounted audit route is documented, and the OpenAPI document builds', () => {
    const modules = [auditRoutes({ auditLog: t.log, requireRole: fakeRequireRole })];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    const doc = createOpenApiDocument(modules);
    expect(Object.keys(doc.paths ?? {})).toContain('/v1/audit/holds/{id}');
  });
});
