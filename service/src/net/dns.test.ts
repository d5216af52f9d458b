import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createDnsClient, type DnsClient } from './dns.js';
import { failure, startTestDns, type TestDns } from './testing.js';

const signal = () => AbortSignal.timeout(5000);

describe('DNS client', () => {
  let server: TestDns;
  let dns: DnsClient;

  beforeAll(async () => {
    server = await startTestDns();
    dns = createDnsClient({ servers: [server.server], timeoutMs: 300 });
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    for (const name of Object.keys(server.zone)) delete server.zone[name];
    server.silent.clear();
    server.servfail.clear();
    server.authenticated = false;
    server.truncateUdp = false;
  });

  it('reads MX records, lower-cased and without the trailing dot', async () => {
    server.zone['example.test'] = [
      { type: 'MX', ttl: 600, data: { preference: 10, exchange: 'MX1.Example.Test.' } },
      { type: 'MX', ttl: 300, data: { preference: 20, exchange: 'mx2.example.test' } },
    ];
    const answer = await dns.mx('Example.TEST', signal());
    expect(answer).toEqual({
      status: 'ok',
      records: [
        { preference: 10, exchange: 'mx1.example.test' },
        { preference: 20, exchange: 'mx2.example.test' },
      ],
      ttlSeconds: 300,
      authenticated: false,
    });
  });

  it('reports a null MX (RFC 7505) as the root name', async () => {
    server.zone['nomail.test'] = [{ type: 'MX', data: { preference: 0, exchange: '.' } }];
    expect((await dns.mx('nomail.test', signal())).records).toEqual([{ preference: 0, exchange: '.' }]);
  });

  it('joins the strings of one TXT record and keeps records apart', async () => {
    server.zone['_mta-sts.example.test'] = [
      { type: 'TXT', data: ['v=STSv1; ', 'id=20240101'] },
      { type: 'TXT', data: 'something else' },
    ];
    expect((await dns.txt('_mta-sts.example.test', signal())).records).toEqual(['v=STSv1; id=20240101', 'something else']);
  });

  it('returns A and AAAA addresses together', async () => {
    server.zone['www.example.test'] = [
      { type: 'A', ttl: 120, data: '192.0.2.1' },
      { type: 'AAAA', ttl: 90, data: '2001:db8::1' },
    ];
    expect(await dns.addresses('www.example.test', signal())).toEqual({
      status: 'ok',
      records: ['192.0.2.1', '2001:db8::1'],
      ttlSeconds: 90,
      authenticated: false,
    });
  });

  it('follows a CNAME chain in the answer, and the TTL is the smallest along it', async () => {
    server.zone['mail.example.test'] = [{ type: 'CNAME', ttl: 50, data: 'host.provider.test' }];
    server.zone['host.provider.test'] = [{ type: 'A', ttl: 500, data: '192.0.2.7' }];
    expect(await dns.addresses('mail.example.test', signal())).toMatchObject({ status: 'ok', records: ['192.0.2.7'], ttlSeconds: 50 });
  });

  it('reads TLSA records and the AD bit', async () => {
    server.authenticated = true;
    server.zone['_25._tcp.mx.example.test'] = [{ type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 7) } }];
    expect(await dns.tlsa('_25._tcp.mx.example.test', signal())).toEqual({
      status: 'ok',
      records: [{ usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(32, 7) }],
      ttlSeconds: 300,
      authenticated: true,
    });
  });

  it('tells NXDOMAIN from a name without records of that type, with the SOA negative TTL', async () => {
    server.negativeTtl = 45;
    server.zone['example.test'] = [{ type: 'A', data: '192.0.2.1' }];
    expect(await dns.mx('example.test', signal())).toEqual({ status: 'nodata', records: [], ttlSeconds: 45, authenticated: false });
    expect(await dns.mx('missing.test', signal())).toEqual({ status: 'nxdomain', records: [], ttlSeconds: 45, authenticated: false });
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    server.truncateUdp = true;
    server.zone['big.example.test'] = [{ type: 'TXT', data: 'x'.repeat(200) }];
    server.queries.length = 0;
    expect((await dns.txt('big.example.test', signal())).records).toEqual(['x'.repeat(200)]);
    expect(server.queries).toEqual(['TXT big.example.test', 'TXT big.example.test']);
  });

  it('a SERVFAIL is a dns_failure', async () => {
    server.servfail.add('broken.test');
    expect(await failure(dns.mx('broken.test', signal()))).toBe('dns_failure');
  });

  it('a server that never answers is a timeout', async () => {
    server.silent.add('slow.test');
    expect(await failure(dns.mx('slow.test', signal()))).toBe('timeout');
  });

  it('asks the next server when the first one fails', async () => {
    const dead = await startTestDns();
    dead.silent.add('example.test');
    server.zone['example.test'] = [{ type: 'A', data: '192.0.2.1' }];
    try {
      const both = createDnsClient({ servers: [dead.server, server.server], timeoutMs: 200 });
      expect((await both.addresses('example.test', signal())).records).toEqual(['192.0.2.1']);
    } finally {
      await dead.close();
    }
  });

  it("stops when the caller's signal fires, whatever the per-server timeout", async () => {
    server.silent.add('slow.test');
    const patient = createDnsClient({ servers: [server.server], timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = failure(patient.txt('slow.test', controller.signal));
    controller.abort();
    expect(await pending).toBe('aborted');
    expect(await failure(patient.txt('slow.test', AbortSignal.timeout(50)))).toBe('timeout');
  });
});
