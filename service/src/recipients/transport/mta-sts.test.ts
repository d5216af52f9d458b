import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NetError } from '../../net/errors.js';
import { createNet, type Net } from '../../net/net.js';
import { createTestCa, startTestDns, startTestHttps, type TestDns, type TestServer } from '../../net/testing.js';
import { fetchMtaSts, mxMatches, parseStsPolicy, parseStsRecord } from './mta-sts.js';

describe('MTA-STS TXT record (RFC 8461 §3.1)', () => {
  it.each([
    ['the minimal record', ['v=STSv1; id=20160831085700Z'], '20160831085700Z'],
    ['a trailing semicolon', ['v=STSv1; id=abc123;'], 'abc123'],
    ['no space after the semicolon', ['v=STSv1;id=abc123'], 'abc123'],
    ['an extension field', ['v=STSv1; ext=1; id=abc123'], 'abc123'],
    ['unrelated TXT records beside it', ['google-site-verification=xyz', 'v=STSv1; id=abc'], 'abc'],
    ['an id of 32 characters', [`v=STSv1; id=${'a'.repeat(32)}`], 'a'.repeat(32)],
  ])('accepts %s', (_label, txt, id) => {
    expect(parseStsRecord(txt)).toEqual({ id });
  });

  it.each([
    ['no records', []],
    ['no STS record', ['v=spf1 -all']],
    ['two STS records', ['v=STSv1; id=a', 'v=STSv1; id=b']],
    ['a version other than STSv1', ['v=STSv2; id=abc']],
    ['the version not first', ['id=abc; v=STSv1']],
    ['no id', ['v=STSv1;']],
    ['an id of 33 characters', [`v=STSv1; id=${'a'.repeat(33)}`]],
    ['an id with punctuation', ['v=STSv1; id=2024-01-01']],
    ['two ids', ['v=STSv1; id=a; id=b']],
  ])('rejects %s', (_label, txt) => {
    expect(parseStsRecord(txt)).toBeNull();
  });
});

describe('MTA-STS policy file (RFC 8461 §3.2)', () => {
  it('reads mode, max_age and every mx pattern, with CRLF or LF', () => {
    const text = 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.Example.NET\r\nmax_age: 604800\r\n';
    expect(parseStsPolicy(text)).toEqual({ mode: 'enforce', maxAge: 604800, mx: ['mail.example.com', '*.example.net'] });
    expect(parseStsPolicy(text.replaceAll('\r\n', '\n'))).toEqual(parseStsPolicy(text));
  });

  it('ignores unknown keys and uses the first of a repeated key', () => {
    expect(parseStsPolicy('version: STSv1\nmode: testing\nmode: enforce\nfoo: bar\nmx: mx.example.com\nmax_age: 86400\n')).toEqual({
      mode: 'testing',
      maxAge: 86400,
      mx: ['mx.example.com'],
    });
  });

  it('a policy in mode none needs no mx', () => {
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\n')).toEqual({ mode: 'none', maxAge: 86400, mx: [] });
  });

  it.each([
    ['no version', 'mode: enforce\nmx: mx.example.com\nmax_age: 86400'],
    ['another version', 'version: STSv2\nmode: enforce\nmx: mx.example.com\nmax_age: 86400'],
    ['an unknown mode', 'version: STSv1\nmode: strict\nmx: mx.example.com\nmax_age: 86400'],
    ['no max_age', 'version: STSv1\nmode: enforce\nmx: mx.example.com'],
    ['max_age above a year', 'version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557601'],
    ['a negative max_age', 'version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: -1'],
    ['enforce without mx', 'version: STSv1\nmode: enforce\nmax_age: 86400'],
    ['a malformed mx pattern', 'version: STSv1\nmode: enforce\nmx: mx..example.com\nmax_age: 86400'],
    ['a wildcard not in the left-most label', 'version: STSv1\nmode: enforce\nmx: mx.*.example.com\nmax_age: 86400'],
    ['an HTML page', '<html><body>Not found</body></html>'],
  ])('rejects a policy with %s', (_label, text) => {
    expect(parseStsPolicy(text)).toBeNull();
  });
});

describe('MX pattern matching (RFC 8461 §4.1)', () => {
  it.each([
    ['mx.example.com', 'mx.example.com', true],
    ['mx.example.com', 'MX.Example.com.', true],
    ['*.example.net', 'mail.example.net', true],
    ['*.example.net', 'example.net', false],
    ['*.example.net', 'a.b.example.net', false],
    ['*.example.net', 'mail.example.net.evil.test', false],
    ['mx.example.com', 'mx2.example.com', false],
  ])('%s against %s → %s', (pattern, host, matches) => {
    expect(mxMatches(pattern, host)).toBe(matches);
  });
});

describe('fetching a policy', () => {
  let dns: TestDns;
  let https: TestServer;
  let net: Net;
  const POLICY = 'version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 86400\n';
  const responses: Record<string, { status: number; type?: string; body?: string; location?: string }> = {
    'mta-sts.good.test': { status: 200, type: 'text/plain; charset=utf-8', body: POLICY },
    'mta-sts.moved.test': { status: 301, location: 'https://mta-sts.good.test/.well-known/mta-sts.txt' },
    'mta-sts.missing.test': { status: 404, type: 'text/plain', body: 'not found' },
    'mta-sts.html.test': { status: 200, type: 'text/html', body: POLICY },
    'mta-sts.broken.test': { status: 200, type: 'text/plain', body: 'version: STSv1\nmode: enforce\n' },
  };
  const domains = ['good', 'moved', 'missing', 'html', 'broken'].map((d) => `${d}.test`);

  beforeAll(async () => {
    dns = await startTestDns({ 'nosts.test': [{ type: 'MX', data: { preference: 10, exchange: 'mx.nosts.test' } }] });
    for (const domain of domains) {
      dns.zone[`_mta-sts.${domain}`] = [{ type: 'TXT', ttl: 900, data: 'v=STSv1; id=abc' }];
      dns.zone[`mta-sts.${domain}`] = [{ type: 'A', data: '127.0.0.1' }];
    }
    const ca = await createTestCa();
    https = await startTestHttps({
      ca,
      hosts: domains.map((domain) => `mta-sts.${domain}`),
      handler: (req, res) => {
        const response = req.url === '/.well-known/mta-sts.txt' ? responses[req.headers.host ?? ''] : undefined;
        if (!response) return void res.writeHead(500).end();
        res.writeHead(response.status, { ...(response.type ? { 'content-type': response.type } : {}), ...(response.location ? { location: response.location } : {}) });
        res.end(response.body);
      },
    });
    net = createNet({ dnsServers: [dns.server], maxResponseBytes: 65536, testing: { allowAddresses: ['127.0.0.0/8'], httpsPort: https.port, caPem: ca.certPem } });
  });
  afterAll(async () => {
    await https.close();
    await dns.close();
  });

  const code = async (domain: string) => {
    try {
      await fetchMtaSts(domain, net, AbortSignal.timeout(5000));
      return 'resolved';
    } catch (error) {
      return error instanceof NetError ? error.code : String(error);
    }
  };

  it('reads the TXT id and the policy', async () => {
    expect(await fetchMtaSts('good.test', net, AbortSignal.timeout(5000))).toEqual({
      sts: { id: 'abc', mode: 'enforce', maxAge: 86400, mx: ['mx.good.test'] },
      txtTtlSeconds: 900,
    });
  });

  it('a domain without the TXT record has no MTA-STS, and the negative answer has a TTL', async () => {
    expect(await fetchMtaSts('nosts.test', net, AbortSignal.timeout(5000))).toEqual({ sts: null, txtTtlSeconds: 30 });
  });

  it.each([
    ['a redirect is not followed', 'moved.test', 'redirect_refused'],
    ['only 200 counts', 'missing.test', 'http_status'],
    ['the policy must be text/plain', 'html.test', 'protocol'],
    ['an invalid policy', 'broken.test', 'protocol'],
  ])('%s', async (_label, domain, expected) => {
    expect(await code(domain)).toBe(expected);
  });
});
