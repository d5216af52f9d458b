import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditEvent } from '../audit/schema.js';
import { openTestAuditLog, sampleEvent, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { AUDIT_PREFIX, auditRoutes, MAX_AUDIT_BATCH } from './audit.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });

function auditApp(auditLog: AuditLog): Express {
  const app = express();
  app.use(express.json());
  mountRoutes(app, [auditRoutes({ auditLog, requireRole: fakeRequireRole })]);
  app.use(notFound);
  app.use(problemHandler);
  return app;
}

describe('audit routes', () => {
  let t: TestAuditLog;
  let app: Express;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    app = auditApp(t.log);
  });
  afterEach(async () => t.dispose());

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

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit console routes'), () => {
    let t: TestAuditLog;
    let app: Express;
    beforeEach(async () => {
      t = await openTestAuditLog(target, { retentionDays: 30 });
      app = auditApp(t.log);
    });
    afterEach(async () => t.dispose());

    const get = (path: string, query: Record<string, string | number> = {}, who = 'auditor') =>
      request(app).get(`${AUDIT_PREFIX}${path}`).query(query).set(as(who));
    /** A client event by its id, a service event by its kind. */
    const label = (event: Pick<AuditEvent, 'client' | 'clientEventId' | 'kind'>) => (event.client === 'service' ? event.kind : event.clientEventId);

    describe('search and export filters', () => {
      beforeEach(async () => {
        await t.log.append('Alice@Clinic.example.org', sampleEvent('e-1', { phiKinds: { SSN: 1 }, recipients: ['Bob@Example.org'] }));
        await t.log.append('alice@clinic.example.org', sampleEvent('e-2', { kind: 'warning_shown', client: 'gmail', action: 'warn', phiKinds: { NAME: 1 }, recipients: ['carol@partner.org'] }));
        await t.log.append('bob@clinic.example.org', sampleEvent('e-3', { kind: 'send_allowed', action: 'allow', phiKinds: {}, recipients: ['carol@partner.org'] }));
        // The justification quotes a kind; the filter reads the counts, never the text.
        await t.log.append('bob@clinic.example.org', sampleEvent('e-4', { kind: 'override', action: 'warn', phiKinds: { NAME: 2 }, justification: 'Patient asked, "SSN":1 is theirs.' }));
        await t.log.placeHold('admin@clinic.example.org', { actor: 'bob@clinic.example.org', reason: 'Case 2026-17' });
      });

      it.each([
        ['a PHI kind', { phiKind: 'SSN' }, ['e-1']],
        ['another PHI kind', { phiKind: 'NAME' }, ['e-4', 'e-2']],
        ['a PHI kind nobody found', { phiKind: 'MRN' }, []],
        ['a client', { client: 'gmail' }, ['e-2']],
        ['the service', { client: 'service' }, ['hold_placed']],
        ['an actor in another case', { actor: 'ALICE@clinic.EXAMPLE.org' }, ['e-2', 'e-1']],
        ['a recipient in another case', { recipient: 'BOB@EXAMPLE.ORG' }, ['e-4', 'e-1']],
        ['a PHI kind and a client together', { phiKind: 'NAME', client: 'outlook' }, ['e-4']],
        ['a PHI kind and a recipient together', { phiKind: 'SSN', recipient: 'carol@partner.org' }, []],
      ])('search filters by %s', async (_name, query, expected) => {
        const res = await get('/events', query);
        expect(res.status).toBe(200);
        expect(res.body.events.map(label)).toEqual(expected);
      });

      it('the CSV and FHIR exports apply the same filters', async () => {
        const csv = await get('/export.csv', { phiKind: 'NAME', actor: 'BOB@clinic.example.org' });
        expect(csv.status).toBe(200);
        expect(csv.text.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual(['4']);
        const ndjson = await get('/export.ndjson', { client: 'gmail', recipient: 'Carol@Partner.org' });
        expect(ndjson.text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['2']);
      });

      it.each([
        ['an unknown PHI kind', { phiKind: 'ssn' }, 'query.phiKind'],
        ['an unknown client', { client: 'thunderbird' }, 'query.client'],
      ])('refuses %s with 400', async (_name, query, path) => {
        const res = await get('/events', query);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ path, code: 'invalid_value' }]);
      });
    });

    describe('GET /v1/audit/events/{seq}', () => {
      beforeEach(async () => {
        await t.log.appendBatch('alice@clinic.example.org', [sampleEvent('e-1'), sampleEvent('e-2', { kind: 'scan' })]);
      });

      it('answers the event with its place in the chain, and the checkpoint once one covers it', async () => {
        const first = await get('/events/1');
        const second = await get('/events/2');
        expect(second.status).toBe(200);
        expect(second.body).toEqual({ event: expect.objectContaining({ seq: 2, clientEventId: 'e-2', kind: 'scan', prevHash: first.body.event.hash, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }) });
        const checkpoint = await t.log.checkpoint();
        await t.log.append('alice@clinic.example.org', sampleEvent('e-3'));
        expect((await get('/events/2')).body.checkpoint).toEqual(checkpoint);
        expect((await get('/events/3')).body).not.toHaveProperty('checkpoint');
      });

      it('a seq past the head is 404, one retention purged is 410 naming the purge', async () => {
        const missing = await get('/events/3');
        expect(missing.status).toBe(404);
        expect(missing.body.type).toBe('https://phiguard.dev/problems/audit_event_not_found');
        t.clock.advanceDays(31);
        const { seq } = await t.log.purge();
        const purged = await get('/events/1');
        expect(purged.status).toBe(410);
        expect(purged.body).toMatchObject({ type: 'https://phiguard.dev/problems/audit_event_purged', purgedBy: seq });
        expect(purged.text).not.toContain('e-1');
      });

      it.each(['0', '-1', '1.5', 'abc'])('refuses seq %s with 400', async (seq) => {
        const res = await get(`/events/${seq}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ path: 'params.seq', code: expect.any(String) }]);
      });
    });

    describe('GET /v1/audit/stats', () => {
      it('adds up decisions per day over the range, days without events included', async () => {
        await t.log.appendBatch('alice@clinic.example.org', [
          sampleEvent('e-1', { time: '2026-02-26T09:00:00Z', kind: 'send_allowed', action: 'allow', phiKinds: {}, reasonCodes: [] }),
          sampleEvent('e-2', { time: '2026-02-26T10:00:00Z' }),
          sampleEvent('e-3', { time: '2026-02-28T10:00:00Z', kind: 'warning_shown', action: 'warn' }),
          sampleEvent('e-4', { time: '2026-02-28T10:05:00Z', kind: 'override', action: 'warn', justification: 'Asked by the patient.' }),
        ]);
        const res = await get('/stats', { from: '2026-02-26T00:00:00Z', to: '2026-03-01T00:00:00Z' });
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toEqual({
          from: '2026-02-26T00:00:00.000Z',
          to: '2026-03-01T00:00:00.000Z',
          days: [
            { day: '2026-02-26', allow: 1, warn: 0, encrypt: 0, block: 1 },
            { day: '2026-02-27', allow: 0, warn: 0, encrypt: 0, block: 0 },
            { day: '2026-02-28', allow: 0, warn: 1, encrypt: 0, block: 0 },
          ],
          blocked: 1,
          overridden: 1,
          topReasons: [{ code: 'phi_unprotected', count: 2 }],
          topPhiKinds: [
            { kind: 'CONDITION', count: 4 },
            { kind: 'SSN', count: 2 },
          ],
          portal: { created: 0, opened: 0, downloads: 0, pickups: 0, lockouts: 0, passcodeFailures: 0 },
        });
      });

      it('defaults to the 30 UTC days ending tonight', async () => {
        await t.log.append('alice@clinic.example.org', sampleEvent('e-1'));
        const res = await get('/stats');
        expect(res.body).toMatchObject({ from: '2026-01-31T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
        expect(res.body.days).toHaveLength(30);
        expect(res.body.days.at(-1)).toEqual({ day: '2026-03-01', allow: 0, warn: 0, encrypt: 0, block: 1 });
      });

      it.each([
        ['a range over 400 days', { from: '2025-01-01T00:00:00Z', to: '2026-02-06T00:00:01Z' }, { path: 'query', code: 'range_too_long' }],
        ['from after to', { from: '2026-02-02T00:00:00Z', to: '2026-02-01T00:00:00Z' }, { path: 'query', code: 'range_reversed' }],
        ['a date without a time', { from: '2026-02-01' }, { path: 'query.from', code: 'invalid_format' }],
        ['an unknown parameter', { client: 'gmail' }, { path: 'query', code: 'unrecognized_keys' }],
      ])('refuses %s with a 400 problem', async (_name, query, error) => {
        const res = await get('/stats', query);
        expect(res.status).toBe(400);
        expect(res.type).toBe('application/problem+json');
        expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/validation_failed', errors: [error] });
      });
    });

    describe('retention', () => {
      it('without events: the period and cutoff, nothing to fall due, no holds', async () => {
        const res = await get('/retention');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ retentionDays: 30, cutoff: '2026-01-30T12:00:00.000Z', activeHolds: 0 });
      });

      it('the next event to fall due is the oldest one no hold keeps', async () => {
        await t.log.append('dave@clinic.example.org', sampleEvent('e-1'));
        t.clock.advanceDays(1);
        await t.log.append('alice@clinic.example.org', sampleEvent('e-2'));
        expect((await get('/retention')).body).toMatchObject({ nextPurgeEligible: '2026-03-31T12:00:00.000Z', activeHolds: 0 });
        await t.log.placeHold('admin@clinic.example.org', { actor: 'dave@clinic.example.org', reason: 'Case 2026-17' });
        // The hold event itself is purge-exempt, so it never falls due.
        expect((await get('/retention')).body).toEqual({ retentionDays: 30, cutoff: '2026-01-31T12:00:00.000Z', nextPurgeEligible: '2026-04-01T12:00:00.000Z', activeHolds: 1 });
      });

      it('purges are listed newest first with who ran them, the cutoff and the count, a page at a time', async () => {
        await t.log.append('alice@clinic.example.org', sampleEvent('e-1'));
        t.clock.advanceDays(31);
        const first = await t.log.purge();
        await t.log.append('alice@clinic.example.org', sampleEvent('e-2'));
        t.clock.advanceDays(31);
        const second = await t.log.purge({ by: 'Admin@Clinic.example.org' });
        const page = await get('/purges', { limit: 1 });
        expect(page.status).toBe(200);
        expect(page.body).toEqual({
          purges: [{ seq: second.seq, time: '2026-05-02T12:00:00.000Z', by: 'admin@clinic.example.org', cutoff: second.cutoff, purged: 1 }],
          nextCursor: expect.any(String),
        });
        const next = await get('/purges', { limit: 1, cursor: page.body.nextCursor });
        expect(next.body.purges).toEqual([{ seq: first.seq, time: '2026-04-01T12:00:00.000Z', by: 'service', cutoff: first.cutoff, purged: 1 }]);
        expect((await get('/retention')).body).not.toHaveProperty('nextPurgeEligible');
      });

      it('refuses an unknown purge-list parameter', async () => {
        expect((await get('/purges', { kind: 'purge' })).status).toBe(400);
      });
    });

    it.each(['/events/1', '/stats', '/purges', '/retention'])('%s: auditors and admins read it, users are refused, a token is required', async (path) => {
      await t.log.append('alice@clinic.example.org', sampleEvent('e-1'));
      expect((await get(path, {}, 'auditor')).status).toBe(200);
      expect((await get(path, {}, 'admin')).status).toBe(200);
      const refused = await get(path, {}, 'alice');
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('e-1');
      expect((await request(app).get(`${AUDIT_PREFIX}${path}`)).status).toBe(401);
    });
  });
}
