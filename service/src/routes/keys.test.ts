import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { KeyRegistry } from '../keys/registry.js';
import { FIXTURE_NOW, openPgpFixture, signMail, smimeFixture, smimeIssuer, type OpenPgpFixture, type SmimeFixture, type SmimeIssuer } from '../keys/testing.js';
import { storeTargets } from '../store/testing.js';
import { KEYS_PREFIX, MAX_OBSERVED_CONTENT_LENGTH, keyRoutes } from './keys.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;

let bob: OpenPgpFixture;
let expired: OpenPgpFixture;
let signOnly: OpenPgpFixture;
let carol: SmimeFixture;
let wrongEku: SmimeFixture;
let ca: SmimeIssuer;
beforeAll(async () => {
  [bob, expired, signOnly] = await Promise.all([
    openPgpFixture(['bob@partner.example']),
    openPgpFixture(['old@partner.example'], { date: new Date('2024-01-01T00:00:00Z'), keyExpirationTime: 86_400 }),
    openPgpFixture(['signer@partner.example'], { signOnly: true }),
  ]);
  ca = await smimeIssuer();
  [carol, wrongEku] = await Promise.all([
    smimeFixture({ sanEmails: ['carol@partner.example'], issuer: ca }),
    smimeFixture({ sanEmails: ['carol@partner.example'], extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'], issuer: ca }),
  ]);
});

describe('key registry routes', () => {
  let t: TestAuditLog;
  let app: Express;
  let registry: KeyRegistry;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    t.clock.set(FIXTURE_NOW.toISOString());
    registry = new KeyRegistry({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    app = express();
    app.use(express.json());
    mountRoutes(app, [keyRoutes({ registry, requireRole: fakeRequireRole, now: t.clock.now, smimeRoots: [ca.pem] })]);
    app.use(notFound);
    app.use(problemHandler);
  });
  afterEach(async () => t.dispose());

  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });
  const upload = (body: unknown, who: keyof typeof TEST_PRINCIPALS = 'admin') => request(app).post(KEYS_PREFIX).set(as(who)).send(body as object);

  describe('POST /v1/keys', () => {
    it('stores an OpenPGP key: 201 with the record; again: 200 with the same record', async () => {
      const res = await upload({ keyType: 'openpgp', data: bob.armored });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        keyType: 'openpgp',
        fingerprint: bob.fingerprint,
        addresses: ['bob@partner.example'],
        notAfter: null,
        source: 'admin_upload',
        addedBy: 'admin@clinic.example.org',
        addedAt: FIXTURE_NOW.toISOString(),
      });
      const again = await upload({ keyType: 'openpgp', data: bob.armored });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
    });

    it('stores an S/MIME certificate', async () => {
      const res = await upload({ keyType: 'smime', data: carol.pem });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ keyType: 'smime', addresses: ['carol@partner.example'], notAfter: '2028-01-01T00:00:00.000Z' });
    });

    it.each([
      { label: 'a secret key', keyType: 'openpgp', data: () => bob.privateArmored, code: 'private_key_refused' },
      { label: 'an expired key', keyType: 'openpgp', data: () => expired.armored, code: 'key_expired' },
      { label: 'a sign-only key', keyType: 'openpgp', data: () => signOnly.armored, code: 'key_not_usable' },
      { label: 'a certificate without emailProtection', keyType: 'smime', data: () => wrongEku.pem, code: 'key_not_usable' },
      { label: 'a certificate sent as openpgp', keyType: 'openpgp', data: () => carol.pem, code: 'not_a_public_key' },
      { label: 'garbage', keyType: 'openpgp', data: () => 'Patient Jane Roe, MRN 12345678', code: 'key_unreadable' },
    ])('$label is refused with 422 $code, never echoing the upload', async ({ keyType, data, code }) => {
      const body = data();
      const res = await upload({ keyType, data: body });
      expect(res.status).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.type).toBe(`https://phiguard.dev/problems/${code}`);
      for (const line of body.split('\n').filter((l) => l.length > 20)) expect(res.text).not.toContain(line);
      expect(res.text).not.toContain('Jane');
      expect((await registry.list()).keys).toEqual([]);
    });

    it('says why a key is not usable', async () => {
      const res = await upload({ keyType: 'smime', data: wrongEku.pem });
      expect(res.body.problems).toEqual(['extended_key_usage']);
    });

    it('an invalid body is a 400 naming the field', async () => {
      const res = await upload({ keyType: 'pgp', data: bob.armored });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.keyType', code: 'invalid_value' }]);
    });
  });

  describe('GET /v1/keys', () => {
    it('lists, filters and pages', async () => {
      await upload({ keyType: 'openpgp', data: bob.armored });
      t.clock.advanceDays(1);
      await upload({ keyType: 'smime', data: carol.pem });
      const all = await request(app).get(KEYS_PREFIX).set(as('admin'));
      expect(all.status).toBe(200);
      expect(all.body.keys.map((k: { keyType: string }) => k.keyType)).toEqual(['smime', 'openpgp']);
      const byAddress = await request(app).get(`${KEYS_PREFIX}?address=bob@partner.example`).set(as('admin'));
      expect(byAddress.body.keys).toHaveLength(1);
      const byType = await request(app).get(`${KEYS_PREFIX}?keyType=smime`).set(as('admin'));
      expect(byType.body.keys.map((k: { addresses: string[] }) => k.addresses)).toEqual([['carol@partner.example']]);
      const page = await request(app).get(`${KEYS_PREFIX}?limit=1`).set(as('admin'));
      const next = await request(app).get(`${KEYS_PREFIX}?limit=1&cursor=${page.body.nextCursor}`).set(as('admin'));
      expect(next.body.keys).toEqual([expect.objectContaining({ keyType: 'openpgp' })]);
    });

    it('a forged cursor is a 400', async () => {
      const res = await request(app).get(`${KEYS_PREFIX}?cursor=bm9wZQ`).set(as('admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'query.cursor', code: 'invalid_cursor' }]);
    });
  });

  describe('DELETE /v1/keys/{keyType}/{fingerprint}', () => {
    it('removes a key (any case of fingerprint), then answers 404', async () => {
      await upload({ keyType: 'openpgp', data: bob.armored });
      const path = `${KEYS_PREFIX}/openpgp/${bob.fingerprint.toLowerCase()}`;
      const res = await request(app).delete(path).set(as('admin'));
      expect(res.status).toBe(200);
      expect(res.body.fingerprint).toBe(bob.fingerprint);
      const again = await request(app).delete(path).set(as('admin'));
      expect(again.status).toBe(404);
      expect(again.body.type).toBe('https://phiguard.dev/problems/key_not_found');
      expect((await request(app).delete(`${KEYS_PREFIX}/openpgp/xyz`).set(as('admin'))).status).toBe(400);
    });
  });

  describe('POST /v1/keys/observed', () => {
    const entity = Buffer.from('Content-Type: text/plain\r\n\r\nPatient Jane Roe, MRN 12345678, seen today.\r\n');
    const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const observe = (body: unknown, who: keyof typeof TEST_PRINCIPALS = 'alice') =>
      request(app).post(`${KEYS_PREFIX}/observed`).set(as(who)).send(body as object);

    it("any signed-in user files the sender's certificate from verified signed mail: 201, then 200", async () => {
      const signature = base64(await signMail(carol, entity));
      const res = await observe({ from: 'Carol@Partner.example', signature, content: base64(entity) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        keyType: 'smime',
        addresses: ['carol@partner.example'],
        source: 'harvested',
        addedBy: 'alice@clinic.example.org',
        addedAt: FIXTURE_NOW.toISOString(),
      });
      expect((await registry.list({ address: 'carol@partner.example' })).keys).toEqual([res.body]);
      const again = await observe({ from: 'carol@partner.example', signature, content: base64(entity) });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
    });

    it('an opaque signed message needs no separate content', async () => {
      const res = await observe({ from: 'carol@partner.example', signature: base64(await signMail(carol, entity, { opaque: true })) });
      expect(res.status).toBe(201);
    });

    it.each([
      { label: 'content altered after signing', sign: () => signMail(carol, entity), content: Buffer.from(entity.toString().replace('today', 'Friday')), from: 'carol@partner.example', code: 'signature_invalid' },
      { label: 'a detached signature without content', sign: () => signMail(carol, entity), content: undefined, from: 'carol@partner.example', code: 'signature_invalid' },
      { label: 'a signer other than From', sign: () => signMail(carol, entity), content: entity, from: 'mallory@partner.example', code: 'signer_mismatch' },
      { label: 'a signer without emailProtection', sign: () => signMail(wrongEku, entity), content: entity, from: 'carol@partner.example', code: 'key_not_usable' },
      { label: 'garbage', sign: async () => Buffer.from('Patient Jane Roe, MRN 12345678'), content: entity, from: 'carol@partner.example', code: 'key_unreadable' },
    ])('$label is refused with 422 $code, files nothing and echoes nothing', async ({ sign, content, from, code }) => {
      const res = await observe({ from, signature: base64(await sign()), ...(content ? { content: base64(content) } : {}) });
      expect(res.status).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.type).toBe(`https://phiguard.dev/problems/${code}`);
      expect(res.text).not.toContain('Jane');
      expect(res.text).not.toContain(from);
      expect((await registry.list()).keys).toEqual([]);
    });

    it('an invalid body is a 400 naming the fields', async () => {
      const res = await observe({ from: 'not an address', signature: 'not base64!', content: 'A'.repeat(MAX_OBSERVED_CONTENT_LENGTH + 4) });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.content', 'body.from', 'body.signature']);
    });

    it('requires a signed-in user or admin', async () => {
      const body = { from: 'carol@partner.example', signature: base64(await signMail(carol, entity)), content: base64(entity) };
      expect((await request(app).post(`${KEYS_PREFIX}/observed`).send(body)).status).toBe(401);
      expect((await observe(body, 'auditor')).status).toBe(403);
      expect((await observe(body, 'admin')).status).toBe(201);
    });
  });

  it('only admins may use the registry', async () => {
    expect((await upload({ keyType: 'openpgp', data: bob.armored }, 'alice')).status).toBe(403);
    expect((await request(app).get(KEYS_PREFIX).set(as('auditor'))).status).toBe(403);
    expect((await request(app).delete(`${KEYS_PREFIX}/openpgp/${bob.fingerprint}`).set(as('alice'))).status).toBe(403);
    expect((await request(app).get(KEYS_PREFIX)).status).toBe(401);
  });

  it('every mounted key route is documented, and the OpenAPI document builds', () => {
    const modules = [keyRoutes({ registry, requireRole: fakeRequireRole, now: t.clock.now, smimeRoots: [ca.pem] })];
    const documented = documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`).sort();
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
    const doc = createOpenApiDocument(modules);
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(['/v1/keys', '/v1/keys/observed', '/v1/keys/{keyType}/{fingerprint}']));
  });
});
