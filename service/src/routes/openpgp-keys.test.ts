import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import * as openpgp from 'openpgp';
import request from 'supertest';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole, type TEST_PRINCIPALS } from '../auth/testing.js';
import { createOpenApiDocument } from '../http/openapi.js';
import { notFound, problemHandler } from '../http/problem.js';
import { documentedRoutes, mountRoutes, mountedRoutes } from '../http/route-registry.js';
import { KeyRegistry } from '../keys/registry.js';
import { FIXTURE_NOW, openPgpFixture, type OpenPgpFixture } from '../keys/testing.js';
import { wkdUrls, type WkdNet } from '../keys/wkd.js';
import { storeTargets } from '../store/testing.js';
import { MAX_OPENPGP_KEY_ADDRESSES, openPgpKeyRoutes } from './openpgp-keys.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const PATH = '/v1/recipients/openpgp-keys';

let bob: OpenPgpFixture;
let ana: OpenPgpFixture;
let lapsing: OpenPgpFixture;
let revoked: OpenPgpFixture;
beforeAll(async () => {
  [bob, ana, lapsing, revoked] = await Promise.all([
    openPgpFixture(['bob@partner.example']),
    openPgpFixture(['ana@wkd.example']),
    // Usable when uploaded (FIXTURE_NOW), expired 90 days after FIXTURE_CREATED.
    openPgpFixture(['lapsed@partner.example'], { keyExpirationTime: 90 * 86_400 }),
    openPgpFixture(['gone@wkd.example'], { revoked: true }),
  ]);
});

/**
 * Web Key Directories by the direct method (no openpgpkey.* host resolves): a key for each address
 * in `keys`, 404 for any other, and no answer ever for addresses at slow.example.
 */
function fakeWkd(keys: Record<string, OpenPgpFixture>) {
  const requested: string[] = [];
  const served = new Map(Object.entries(keys).map(([address, key]) => [wkdUrls(address).direct, key.binary]));
  const net: WkdNet = {
    httpsGet: (url) => {
      requested.push(url);
      if (new URL(url).hostname === 'slow.example') return new Promise(() => undefined);
      const body = served.get(url);
      return Promise.resolve(body ? { status: 200, headers: {}, body: Buffer.from(body) } : { status: 404, headers: {}, body: Buffer.alloc(0) });
    },
    dns: { addresses: async () => ({ status: 'nxdomain', records: [], ttlSeconds: 300, authenticated: false }) },
  };
  return { net, requested };
}

describe('POST /v1/recipients/openpgp-keys', () => {
  let t: TestAuditLog;
  let registry: KeyRegistry;
  let wkd: ReturnType<typeof fakeWkd>;
  let now: Date;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    t.clock.set(FIXTURE_NOW.toISOString());
    registry = new KeyRegistry({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    await registry.add('admin@clinic.example.org', { keyType: 'openpgp', data: bob.armored, source: 'admin_upload' });
    await registry.add('admin@clinic.example.org', { keyType: 'openpgp', data: lapsing.armored, source: 'admin_upload' });
    wkd = fakeWkd({ 'ana@wkd.example': ana, 'gone@wkd.example': revoked, 'bob@partner.example': ana });
    now = FIXTURE_NOW;
  });
  afterEach(async () => t.dispose());

  function appWith(deadlineMs?: number): Express {
    const app = express();
    app.use(express.json());
    mountRoutes(app, [openPgpKeyRoutes({ registry, requireRole: fakeRequireRole, net: wkd.net, now: () => now, ...(deadlineMs ? { deadlineMs } : {}) })]);
    app.use(notFound);
    app.use(problemHandler);
    return app;
  }
  const as = (who: keyof typeof TEST_PRINCIPALS) => ({ Authorization: `Test ${who}` });
  const ask = (body: unknown, app = appWith()) => request(app).post(PATH).set(as('alice')).send(body as object);

  it('answers the registry’s key first, else the Web Key Directory’s, and lists who has neither', async () => {
    const res = await ask({ addresses: ['Bob@Partner.example', 'ana@wkd.example', 'nobody@wkd.example', 'bob@partner.example'] });
    expect(res.status).toBe(200);
    expect(res.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      keys: [
        { address: 'bob@partner.example', fingerprint: bob.fingerprint, armored: expect.any(String), source: 'registry' },
        { address: 'ana@wkd.example', fingerprint: ana.fingerprint, armored: expect.any(String), source: 'wkd' },
      ],
      missing: ['nobody@wkd.example'],
    });
    // The registry's key wins: its directory (which serves another key) is not asked.
    expect(wkd.requested).toEqual([wkdUrls('ana@wkd.example').direct, wkdUrls('nobody@wkd.example').direct]);
    for (const [key, fixture] of [[res.body.keys[0], bob], [res.body.keys[1], ana]] as const) {
      expect((await openpgp.readKey({ armoredKey: key.armored })).getFingerprint().toUpperCase()).toBe(fixture.fingerprint);
    }
  });

  it('never answers a key that cannot encrypt now: expired on file, revoked in the directory', async () => {
    now = new Date('2026-06-01T00:00:00Z');
    const res = await ask({ addresses: ['lapsed@partner.example', 'gone@wkd.example', 'ana@wkd.example'] });
    expect(res.body.keys.map((k: { address: string }) => k.address)).toEqual(['ana@wkd.example']);
    expect(res.body.missing).toEqual(['lapsed@partner.example', 'gone@wkd.example']);
  });

  it('a directory that does not answer by the deadline leaves that address missing, not the call failed', async () => {
    const res = await ask({ addresses: ['someone@slow.example', 'ana@wkd.example', 'bob@partner.example'] }, appWith(1000));
    expect(res.status).toBe(200);
    expect(res.body.keys.map((k: { address: string; source: string }) => [k.address, k.source])).toEqual([
      ['ana@wkd.example', 'wkd'],
      ['bob@partner.example', 'registry'],
    ]);
    expect(res.body.missing).toEqual(['someone@slow.example']);
  });

  it.each([
    { label: 'no addresses', body: { addresses: [] } },
    { label: 'too many addresses', body: { addresses: Array.from({ length: MAX_OPENPGP_KEY_ADDRESSES + 1 }, (_, i) => `r${i}@partner.example`) } },
    { label: 'something that is not an address', body: { addresses: ['Bob <bob@partner.example>'] } },
    { label: 'an unknown field', body: { addresses: ['bob@partner.example'], sender: 'alice@clinic.example.org' } },
  ])('refuses $label (400)', async ({ body }) => {
    const res = await ask(body);
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/validation_failed$/);
  });

  it('is for signed-in users and admins only', async () => {
    const app = appWith();
    expect((await request(app).post(PATH).send({ addresses: ['bob@partner.example'] })).status).toBe(401);
    expect((await request(app).post(PATH).set(as('auditor')).send({ addresses: ['bob@partner.example'] })).status).toBe(403);
    expect((await request(app).post(PATH).set(as('admin')).send({ addresses: ['bob@partner.example'] })).status).toBe(200);
  });

  it('is documented, and the OpenAPI document builds', () => {
    const modules = [openPgpKeyRoutes({ registry, requireRole: fakeRequireRole, net: wkd.net })];
    const app = express();
    mountRoutes(app, modules);
    expect(mountedRoutes(app).map(({ method, path }) => `${method} ${path}`)).toEqual(documentedRoutes(modules).map(({ method, path }) => `${method} ${path}`));
    expect(Object.keys(createOpenApiDocument(modules).paths ?? {})).toEqual([PATH]);
  });
});
