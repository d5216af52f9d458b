import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createNet, type Net } from './net.js';
import { createTestCa, failure, startTestDns, startTestHttps, type TestCa, type TestDns, type TestServer } from './testing.js';

// Generous: these answer at once unless the machine is very busy; a refusal must not turn into a timeout.
const signal = () => AbortSignal.timeout(15_000);

describe('httpsGet', () => {
  let dns: TestDns;
  let ca: TestCa;
  let server: TestServer;
  let net: Net;
  const seenHosts: string[] = [];

  beforeAll(async () => {
    dns = await startTestDns({
      'policy.example.test': [{ type: 'A', data: '127.0.0.1' }],
      'other.example.test': [{ type: 'A', data: '127.0.0.1' }],
      'internal.example.test': [{ type: 'A', data: '10.0.0.1' }],
      'metadata.example.test': [{ type: 'A', data: '169.254.169.254' }],
      'mixed.example.test': [
        { type: 'A', data: '10.0.0.1' },
        { type: 'A', data: '127.0.0.1' },
      ],
    });
    ca = await createTestCa();
    server = await startTestHttps({
      ca,
      hosts: ['policy.example.test', 'mixed.example.test'],
      handler: (req, res) => {
        seenHosts.push(req.headers.host ?? '');
        switch (req.url) {
          case '/ok':
            res.writeHead(200, { 'content-type': 'text/plain', 'x-multi': ['a', 'b'] }).end('hello');
            return;
          case '/moved':
            res.writeHead(301, { location: 'https://evil.example/' }).end();
            return;
          case '/missing':
            res.writeHead(404).end();
            return;
          case '/big':
            res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
            return;
          case '/big-streamed':
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('x'.repeat(3000));
            res.end('x'.repeat(3000));
            return;
          case '/never':
            return; // keeps the request open
        }
      },
    });
    net = createNet({
      dnsServers: [dns.server],
      maxResponseBytes: 4096,
      testing: { allowAddresses: ['127.0.0.0/8'], httpsPort: server.port, caPem: ca.certPem },
    });
  });
  afterAll(async () => {
    await server.close();
    await dns.close();
  });

  it('returns status, headers and body, having asked for the host by name', async () => {
    const response = await net.httpsGet('https://policy.example.test/ok', { signal: signal() });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-multi']).toBe('a, b');
    expect(response.body.toString()).toBe('hello');
    expect(seenHosts.at(-1)).toBe('policy.example.test');
  });

  it('returns other statuses for the caller to judge', async () => {
    expect((await net.httpsGet('https://policy.example.test/missing', { signal: signal() })).status).toBe(404);
  });

  it('never follows a redirect (RFC 8461 §3.3)', async () => {
    expect(await failure(net.httpsGet('https://policy.example.test/moved', { signal: signal() }))).toBe('redirect_refused');
  });

  it('refuses a body larger than the cap, announced or streamed', async () => {
    expect(await failure(net.httpsGet('https://policy.example.test/big', { signal: signal() }))).toBe('too_large');
    expect(await failure(net.httpsGet('https://policy.example.test/big-streamed', { signal: signal() }))).toBe('too_large');
    expect((await net.httpsGet('https://policy.example.test/big', { signal: signal(), maxBytes: 8000 })).body.length).toBe(5000);
  });

  it.each([
    ['a private address', 'internal.example.test'],
    ['the cloud metadata address', 'metadata.example.test'],
  ])('refuses a host name that resolves to %s', async (_label, host) => {
    expect(await failure(net.httpsGet(`https://${host}/ok`, { signal: signal() }))).toBe('forbidden_address');
  });

  it('connects only to the checked address when a name resolves to allowed and forbidden ones', async () => {
    expect((await net.httpsGet('https://mixed.example.test/ok', { signal: signal() })).status).toBe(200);
  });

  it('refuses loopback unless the test-only allow list lets it through', async () => {
    const production = createNet({ dnsServers: [dns.server], maxResponseBytes: 4096, testing: { allowAddresses: ['192.0.2.0/24'], httpsPort: server.port, caPem: ca.certPem } });
    expect(await failure(production.httpsGet('https://policy.example.test/ok', { signal: signal() }))).toBe('forbidden_address');
  });

  it('fails TLS for a certificate from a CA we do not trust', async () => {
    const untrusting = createNet({ dnsServers: [dns.server], maxResponseBytes: 4096, testing: { allowAddresses: ['127.0.0.0/8'], httpsPort: server.port } });
    expect(await failure(untrusting.httpsGet('https://policy.example.test/ok', { signal: signal() }))).toBe('tls_failed');
  });

  it('fails TLS for a certificate that does not name the host', async () => {
    expect(await failure(net.httpsGet('https://other.example.test/ok', { signal: signal() }))).toBe('tls_failed');
  });

  it('connects to 443 unless the test-only port is set', async () => {
    const port443 = createNet({ dnsServers: [dns.server], maxResponseBytes: 4096, testing: { allowAddresses: ['127.0.0.0/8'], caPem: ca.certPem } });
    expect(await failure(port443.httpsGet('https://policy.example.test/ok', { signal: signal() }))).toBe('connect_failed');
  });

  it.each([
    ['plain http', 'http://policy.example.test/ok'],
    ['an explicit port', 'https://policy.example.test:8443/ok'],
    ['an IP address host', 'https://127.0.0.1/ok'],
    ['credentials', 'https://user:pw@policy.example.test/ok'],
  ])('refuses URLs with %s', async (_label, url) => {
    expect(await failure(net.httpsGet(url, { signal: signal() }))).toBe('protocol');
  });

  it('gives up when the deadline passes', async () => {
    expect(await failure(net.httpsGet('https://policy.example.test/never', { signal: AbortSignal.timeout(200) }))).toBe('timeout');
  });
});
