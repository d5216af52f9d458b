// The lookup end to end: the route, the real registries on SQLite, and the real network layer
// talking to local DNS, HTTPS (test CA) and SMTP servers on loopback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { parsePolicy, type Policy } from '@phiguard/core';
import { openTestAuditLog, sampleEvent, testClock, type TestAuditLog } from '../audit/testing.js';
import { fakeRequireRole } from '../auth/testing.js';
import { notFound, problemHandler } from '../http/problem.js';
import { mountRoutes } from '../http/route-registry.js';
import { FIXTURE_NOW, openPgpFixture, smimeFixture } from '../keys/testing.js';
import { wkdUrls } from '../keys/wkd.js';
import { createNet } from '../net/net.js';
import { createTestCa, startTestDns, startTestHttps, startTestSmtp, type TestDns, type TestServer } from '../net/testing.js';
import { createCapabilityCache } from '../recipients/capability-cache.js';
import { networkFetchers, registrySources } from '../recipients/sources.js';
import { createRegistries } from '../registries.js';
import { storeTargets } from '../store/testing.js';
import { RECIPIENTS_PREFIX, recipientRoutes } from './recipients.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const ALICE = 'alice@clinic.example.org';
const STS_ENFORCE = 'version: STSv1\nmode: enforce\nmx: *.lab.example\nmax_age: 604800\n';

const policyResult = parsePolicy({
  organisation: { name: 'Clinic', domains: ['clinic.example.org'], partnerDomains: ['lab.example'] },
  protection: { accepted: ['smime', 'pgp', 'tls', 'portal'], patientRequestLiftsEncryption: true },
});
const policy: Policy = policyResult.ok ? policyResult.policy : (undefined as never);

describe('POST /v1/recipients/lookup against local DNS, HTTPS and SMTP servers', () => {
  let t: TestAuditLog;
  let dns: TestDns;
  let servers: TestServer[];
  let app: Express;

  beforeAll(async () => {
    t = await openTestAuditLog(sqlite);
    t.clock.set(FIXTURE_NOW.toISOString());
    const registries = createRegistries({ store: t.db.store, auditLog: t.log, clock: t.clock });
    const ana = await openPgpFixture(['ana@keys.example']);
    const wkdPath = new URL(wkdUrls('ana@keys.example').advanced);

    const ca = await createTestCa();
    const https = await startTestHttps({
      ca,
      hosts: ['mta-sts.lab.example', 'openpgpkey.keys.example'],
      handler: (req, res) => {
        if (req.headers.host?.startsWith('mta-sts.lab.example') && req.url === '/.well-known/mta-sts.txt') {
          return void res.writeHead(200, { 'content-type': 'text/plain' }).end(STS_ENFORCE);
        }
        if (req.headers.host?.startsWith('openpgpkey.keys.example') && req.url === `${wkdPath.pathname}${wkdPath.search}`) {
          return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(ana.binary));
        }
        res.writeHead(404).end();
      },
    });
    const smtp = await startTestSmtp({ starttls: true, cert: await ca.issue(['mx.lab.example', 'mx.keys.example']) });
    servers = [https, smtp];

    dns = await startTestDns({
      'lab.example': [{ type: 'MX', data: { preference: 10, exchange: 'mx.lab.example' } }],
      'mx.lab.example': [{ type: 'A', data: '127.0.0.1' }],
      '_mta-sts.lab.example': [{ type: 'TXT', data: 'v=STSv1; id=2026112501' }],
      'mta-sts.lab.example': [{ type: 'A', data: '127.0.0.1' }],
      'keys.example': [{ type: 'MX', data: { preference: 10, exchange: 'mx.keys.example' } }],
      'mx.keys.example': [{ type: 'A', data: '127.0.0.1' }],
      'openpgpkey.keys.example': [{ type: 'A', data: '127.0.0.1' }],
      // A domain whose DNS points at the cloud metadata address and a private network.
      'inside.example': [{ type: 'MX', data: { preference: 10, exchange: 'mx.inside.example' } }],
      'mx.inside.example': [{ type: 'A', data: '10.0.0.5' }],
      '_mta-sts.inside.example': [{ type: 'TXT', data: 'v=STSv1; id=1' }],
      'mta-sts.inside.example': [{ type: 'A', data: '169.254.169.254' }],
    });
    const net = createNet({
      dnsServers: [dns.server],
      dnsTimeoutMs: 500,
      maxResponseBytes: 65536,
      testing: { allowAddresses: ['127.0.0.0/8'], httpsPort: https.port, smtpPort: smtp.port, caPem: ca.certPem },
    });
    const now = () => t.clock.now();
    const lookupOptions = {
      policy,
      sources: registrySources(registries),
      cache: createCapabilityCache({ fetchers: networkFetchers({ net, trustDnssec: false, starttlsProbe: true, now }), now }),
      deadlineMs: 5000,
      now,
    };

    const cert = await smimeFixture({ sanEmails: ['results@lab.example'] });
    await registries.keys.add('admin@clinic.example.org', { keyType: 'smime', data: cert.pem, source: 'admin_upload' });
    const csv = 'address,patient_ref,consent_unencrypted,date,source\nmaria.g@mail.example,P-1001,yes,2026-02-01,paper\nbad-row,,maybe,yesterday,paper\n';
    const imported = await registries.consents.importCsv('admin@clinic.example.org', csv);
    expect(imported.imported).toBe(1);
    await t.log.appendBatch(ALICE, [sampleEvent('sent-1', { kind: 'send_allowed', action: 'allow', recipients: ['results@lab.example', 'old.friend@mail.example'] })]);

    app = express();
    app.use(express.json());
    mountRoutes(app, [recipientRoutes({ requireRole: fakeRequireRole, maxRecipients: 10, lookupOptions: () => lookupOptions })]);
    app.use(notFound);
    app.use(problemHandler);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await dns.close();
    await t.dispose();
  });

  const lookup = (recipients: unknown[], who = 'alice', sender?: string) =>
    request(app)
      .post(`${RECIPIENTS_PREFIX}/lookup`)
      .set({ Authorization: `Test ${who}` })
      .send({ recipients, ...(sender ? { sender } : {}) });

  it('finds each capability where it lives and recommends a method per recipient', async () => {
    const res = await lookup([
      { address: 'results@lab.example', name: 'Lab Results' },
      { address: 'ana@keys.example' },
      { address: 'maria.g@mail.example', name: 'Maria Gonzalez' },
      { address: 'nurse@clinic.example.org' },
    ]);
    expect(res.status).toBe(200);
    const [lab, ana, maria, nurse] = res.body.recipients;

    expect(lab.classification).toBe('partner');
    expect(lab.capabilities.smime).toMatchObject({ status: 'available', source: 'registry' });
    expect(lab.capabilities.transport).toMatchObject({ level: 'enforced', mx: ['mx.lab.example'], starttls: true, mtaSts: { mode: 'enforce' } });
    // Enforced TLS already protects PHI to this partner, so nothing more is asked of the sender.
    expect(lab.recommendation).toEqual({ action: 'allow', needsProtection: true, method: 'tls' });

    expect(ana.capabilities.openpgp).toMatchObject({ status: 'available', source: 'wkd' });
    expect(ana.capabilities.transport).toMatchObject({ level: 'opportunistic', starttls: true, mtaSts: null });
    expect(ana.recommendation.method).toBe('pgp');
    expect(ana.warnings).toEqual([{ code: 'first_time_recipient' }]);

    expect(maria).toMatchObject({ patient: true, consent: { state: 'granted', allowUnencrypted: true } });
    // Her request lifts encryption; writing to her for the first time still asks the sender to check.
    expect(maria.recommendation).toEqual({ action: 'warn', needsProtection: false, method: null });
    expect(maria.warnings).toEqual([{ code: 'first_time_recipient' }]);

    expect(nurse).toMatchObject({ classification: 'internal', warnings: [], recommendation: { action: 'allow', method: null } });
  });

  it('never connects to private or metadata addresses a domain points at: those facts stay unknown', async () => {
    const [inside] = (await lookup([{ address: 'it@inside.example' }])).body.recipients;
    expect(inside.capabilities.transport).toMatchObject({ level: 'unknown', mx: ['mx.inside.example'], starttls: 'unknown', mtaSts: 'unknown' });
    expect(inside.recommendation.method).toBe('portal');
  });

  it('knows who the sender has written to before', async () => {
    const { body } = await lookup([{ address: 'old.friend@mail.example' }, { address: 'stranger@mail.example' }]);
    expect(body.recipients.map((r: { recipient: { firstTime?: boolean } }) => r.recipient.firstTime ?? false)).toEqual([false, true]);
  });

  it('refuses too many recipients, bad addresses and other senders with problem+json', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ address: `r${i}@mail.example` }));
    const tooMany = await lookup(many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.type).toMatch(/too_many_recipients$/);
    const bad = await lookup([{ address: 'not an address' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'body.recipients[0].address', code: 'invalid_format' }]);
    expect((await lookup([{ address: 'a@mail.example' }], 'alice', 'boss@clinic.example.org')).status).toBe(403);
    expect((await lookup([{ address: 'a@mail.example' }], 'admin', 'boss@clinic.example.org')).status).toBe(200);
    expect((await lookup([{ address: 'a@mail.example' }], 'nobody')).status).toBe(401);
  });
});
