import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createNet, type Net } from '../../net/net.js';
import { createTestCa, startTestDns, startTestHttps, startTestSmtp, type TestCa, type TestDns, type TestServer } from '../../net/testing.js';
import { isUsableTlsa } from './dane.js';
import { checkTransport, UNKNOWN_TTL_SECONDS, type CheckTransportOptions } from './transport.js';

const NOW = new Date('2026-11-22T10:00:00Z');

const policy = (mode: string, mx: string) => `version: STSv1\nmode: ${mode}\nmx: ${mx}\nmax_age: 86400\n`;

/** Per domain: its MX host, and the MTA-STS policy served (or a redirect, or no answer). */
const DOMAINS: Record<string, { policy?: string; redirect?: true; stall?: true }> = {
  'enforce.test': { policy: policy('enforce', '*.enforce.test') },
  'testing.test': { policy: policy('testing', 'mx.testing.test') },
  'plain.test': {},
  'mismatch.test': { policy: policy('enforce', 'mx.elsewhere.test') },
  'redirect.test': { redirect: true },
  'stall.test': { stall: true },
  'dane.test': {},
};

describe('recipient domain transport security', () => {
  let dns: TestDns;
  let ca: TestCa;
  let https: TestServer;
  let withStartTls: TestServer;
  let withoutStartTls: TestServer;
  let tlsaData: Buffer;

  beforeAll(async () => {
    dns = await startTestDns();
    ca = await createTestCa();
    https = await startTestHttps({
      ca,
      hosts: Object.keys(DOMAINS).map((domain) => `mta-sts.${domain}`),
      handler: (req, res) => {
        const domain = DOMAINS[(req.headers.host ?? '').replace(/^mta-sts\./, '')];
        if (!domain || domain.stall) return;
        if (domain.redirect) return void res.writeHead(302, { location: 'https://mta-sts.enforce.test/.well-known/mta-sts.txt' }).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end(domain.policy);
      },
    });
    const mxCert = await ca.issue(Object.keys(DOMAINS).map((domain) => `mx.${domain}`));
    tlsaData = mxCert.spkiSha256;
    withStartTls = await startTestSmtp({ starttls: true, cert: mxCert });
    withoutStartTls = await startTestSmtp({ starttls: false });
  });
  afterAll(async () => {
    await Promise.all([https.close(), withStartTls.close(), withoutStartTls.close()]);
    await dns.close();
  });

  beforeEach(() => {
    for (const name of Object.keys(dns.zone)) delete dns.zone[name];
    dns.silent.clear();
    dns.authenticated = false;
    for (const [domain, setup] of Object.entries(DOMAINS)) {
      dns.zone[domain] = [{ type: 'MX', ttl: 3600, data: { preference: 10, exchange: `mx.${domain}` } }];
      dns.zone[`mx.${domain}`] = [{ type: 'A', data: '127.0.0.1' }];
      if (setup.policy || setup.redirect || setup.stall) {
        dns.zone[`_mta-sts.${domain}`] = [{ type: 'TXT', ttl: 1800, data: 'v=STSv1; id=20261122' }];
        dns.zone[`mta-sts.${domain}`] = [{ type: 'A', data: '127.0.0.1' }];
      }
    }
    dns.zone['_25._tcp.mx.dane.test'] = [{ type: 'TLSA', ttl: 600, data: { usage: 3, selector: 1, matchingType: 1, certificate: tlsaData } }];
  });

  function check(domain: string, smtp: TestServer, overrides: Partial<CheckTransportOptions> = {}) {
    const net: Net = createNet({
      dnsServers: [dns.server],
      dnsTimeoutMs: 300,
      maxResponseBytes: 65536,
      testing: { allowAddresses: ['127.0.0.0/8'], httpsPort: https.port, smtpPort: smtp.port, caPem: ca.certPem },
    });
    return checkTransport(domain, { net, signal: AbortSignal.timeout(5000), trustDnssec: false, starttlsProbe: true, now: () => NOW, ...overrides });
  }

  it('MTA-STS in enforce mode covering the MX is enforced TLS', async () => {
    expect(await check('enforce.test', withStartTls)).toEqual({
      level: 'enforced',
      mx: ['mx.enforce.test'],
      starttls: true,
      mtaSts: { mode: 'enforce', id: '20261122', maxAge: 86400, mx: ['*.enforce.test'] },
      dane: false,
      checkedAt: NOW.toISOString(),
      ttlSeconds: 1800,
    });
  });

  it('MTA-STS in testing mode is only opportunistic', async () => {
    const result = await check('testing.test', withStartTls);
    expect(result).toMatchObject({ level: 'opportunistic', mtaSts: { mode: 'testing' } });
  });

  it('an MX offering STARTTLS without MTA-STS or DANE is opportunistic', async () => {
    expect(await check('plain.test', withStartTls)).toMatchObject({ level: 'opportunistic', starttls: true, mtaSts: null, dane: false, ttlSeconds: 30 });
  });

  it('an MX that does not offer STARTTLS means no transport security', async () => {
    expect(await check('plain.test', withoutStartTls)).toMatchObject({ level: 'none', starttls: false, mtaSts: null });
  });

  it('a domain that takes no mail (null MX) has no transport security', async () => {
    dns.zone['plain.test'] = [{ type: 'MX', data: { preference: 0, exchange: '.' } }];
    expect(await check('plain.test', withStartTls)).toMatchObject({ level: 'none', mx: [], starttls: false });
  });

  it('an enforce policy that does not cover the MX host is not enforced TLS', async () => {
    expect(await check('mismatch.test', withStartTls)).toMatchObject({ level: 'opportunistic', mtaSts: { mode: 'enforce', mx: ['mx.elsewhere.test'] } });
  });

  it('a policy host that redirects gives no policy; the answer is kept only briefly', async () => {
    expect(await check('redirect.test', withStartTls)).toMatchObject({ level: 'opportunistic', mtaSts: 'unknown', ttlSeconds: UNKNOWN_TTL_SECONDS });
  });

  it('DANE counts when the resolver authenticated the answers and is trusted', async () => {
    dns.authenticated = true;
    expect(await check('dane.test', withStartTls, { trustDnssec: true })).toMatchObject({ level: 'enforced', dane: true, mtaSts: null, ttlSeconds: 30 });
  });

  it('DANE does not count when the resolver is not trusted, even with the AD bit', async () => {
    dns.authenticated = true;
    expect(await check('dane.test', withStartTls, { trustDnssec: false })).toMatchObject({ level: 'opportunistic', dane: false });
  });

  it('DANE does not count when the trusted resolver did not authenticate the answers', async () => {
    expect(await check('dane.test', withStartTls, { trustDnssec: true })).toMatchObject({ level: 'opportunistic', dane: false });
  });

  it('DANE does not count when an MX host has no TLSA record', async () => {
    dns.authenticated = true;
    dns.zone['dane.test'] = [
      { type: 'MX', data: { preference: 10, exchange: 'mx.dane.test' } },
      { type: 'MX', data: { preference: 20, exchange: 'mx.plain.test' } },
    ];
    expect(await check('dane.test', withStartTls, { trustDnssec: true })).toMatchObject({ level: 'opportunistic', dane: false });
  });

  it('nothing answering in time leaves everything unknown, kept only briefly', async () => {
    dns.silent.add('plain.test');
    dns.silent.add('_mta-sts.plain.test');
    expect(await check('plain.test', withStartTls)).toEqual({
      level: 'unknown',
      mx: [],
      starttls: 'unknown',
      mtaSts: 'unknown',
      dane: 'unknown',
      checkedAt: NOW.toISOString(),
      ttlSeconds: UNKNOWN_TTL_SECONDS,
    });
  });

  it("a policy fetch still pending at the caller's deadline is unknown; the facts already in stand", async () => {
    const result = await check('stall.test', withStartTls, { signal: AbortSignal.timeout(500) });
    expect(result).toMatchObject({ level: 'opportunistic', starttls: true, mtaSts: 'unknown', ttlSeconds: UNKNOWN_TTL_SECONDS });
  });

  it('without the probe and without MTA-STS or DANE the level is unknown', async () => {
    expect(await check('plain.test', withStartTls, { starttlsProbe: false })).toMatchObject({ level: 'unknown', starttls: 'unknown' });
  });

  it('without the probe, MTA-STS enforce still shows enforced TLS', async () => {
    expect(await check('enforce.test', withStartTls, { starttlsProbe: false })).toMatchObject({ level: 'enforced', starttls: 'unknown', ttlSeconds: 1800 });
  });
});

describe('usable TLSA records for SMTP (RFC 7672 §3.1.3)', () => {
  it.each([
    ['DANE-EE SPKI SHA-256 (3 1 1)', 3, 1, 1, true],
    ['DANE-TA full cert SHA-512 (2 0 2)', 2, 0, 2, true],
    ['PKIX-EE (1 1 1)', 1, 1, 1, false],
    ['PKIX-TA (0 0 1)', 0, 0, 1, false],
    ['an unknown selector (3 2 1)', 3, 2, 1, false],
    ['an unknown matching type (3 1 3)', 3, 1, 3, false],
  ])('%s → %s', (_label, usage, selector, matchingType, usable) => {
    expect(isUsableTlsa({ usage, selector, matchingType, data: Buffer.alloc(32) })).toBe(usable);
  });
});
