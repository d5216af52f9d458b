import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createNet, type Net } from './net.js';
import { createTestCa, failure, startTestDns, startTestSmtp, type TestCa, type TestDns, type TestServer } from './testing.js';

const signal = () => AbortSignal.timeout(5000);

function netFor(dns: TestDns, smtp: TestServer, caPem?: string): Net {
  return createNet({ dnsServers: [dns.server], maxResponseBytes: 4096, testing: { allowAddresses: ['127.0.0.0/8'], smtpPort: smtp.port, ...(caPem ? { caPem } : {}) } });
}

/** A bare server that speaks the given lines, for replies smtp-server would never send. */
async function startScriptedSmtp(reply: (command: string) => string, greeting = '220 mx.example.test ESMTP\r\n'): Promise<TestServer> {
  const server = net.createServer((socket) => {
    socket.write(greeting);
    socket.on('data', (data) => {
      const answer = reply(data.toString().trim());
      if (answer) socket.write(answer);
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('STARTTLS probe', () => {
  let dns: TestDns;
  let ca: TestCa;

  beforeAll(async () => {
    dns = await startTestDns({
      'mx.example.test': [{ type: 'A', data: '127.0.0.1' }],
      'mx.internal.test': [{ type: 'A', data: '10.1.2.3' }],
    });
    ca = await createTestCa();
  });
  afterAll(async () => dns.close());

  it('reports STARTTLS with a valid certificate for the MX host name', async () => {
    const smtp = await startTestSmtp({ starttls: true, cert: await ca.issue(['mx.example.test']) });
    try {
      const probe = await netFor(dns, smtp, ca.certPem).probeStartTls('mx.example.test', { signal: signal() });
      expect(probe).toEqual({ starttls: true, tlsVersion: 'TLSv1.3', certificateValid: true, validTo: expect.any(String) });
      expect(Date.parse(probe.validTo ?? '')).toBeGreaterThan(Date.now());
    } finally {
      await smtp.close();
    }
  });

  it('reports STARTTLS with a certificate from an untrusted CA as invalid, and why', async () => {
    const rogue = await createTestCa('Rogue CA');
    const smtp = await startTestSmtp({ starttls: true, cert: await rogue.issue(['mx.example.test']) });
    try {
      const probe = await netFor(dns, smtp, ca.certPem).probeStartTls('mx.example.test', { signal: signal() });
      expect(probe).toMatchObject({ starttls: true, certificateValid: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    } finally {
      await smtp.close();
    }
  });

  it('a certificate for another name is not valid for this MX host', async () => {
    const smtp = await startTestSmtp({ starttls: true, cert: await ca.issue(['other.example.test']) });
    try {
      const probe = await netFor(dns, smtp, ca.certPem).probeStartTls('mx.example.test', { signal: signal() });
      expect(probe).toMatchObject({ starttls: true, certificateValid: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    } finally {
      await smtp.close();
    }
  });

  it('reports no STARTTLS when the server does not offer it', async () => {
    const smtp = await startTestSmtp({ starttls: false });
    try {
      expect(await netFor(dns, smtp).probeStartTls('mx.example.test', { signal: signal() })).toEqual({ starttls: false });
    } finally {
      await smtp.close();
    }
  });

  it('reads multi-line greetings and replies, and a server refusing EHLO has no STARTTLS', async () => {
    const smtp = await startScriptedSmtp(
      (command) => (command.startsWith('EHLO') ? '502 5.5.1 EHLO not supported\r\n' : command === 'QUIT' ? '221 bye\r\n' : ''),
      '220-mx.example.test welcome\r\n220-more text\r\n220 ESMTP ready\r\n',
    );
    try {
      expect(await netFor(dns, smtp).probeStartTls('mx.example.test', { signal: signal() })).toEqual({ starttls: false });
    } finally {
      await smtp.close();
    }
  });

  it('a server that is not SMTP is a protocol error', async () => {
    const smtp = await startScriptedSmtp(() => '', 'SSH-2.0-OpenSSH_9.6\r\n');
    try {
      expect(await failure(netFor(dns, smtp).probeStartTls('mx.example.test', { signal: signal() }))).toBe('protocol');
    } finally {
      await smtp.close();
    }
  });

  it('a server that never answers runs into the deadline', async () => {
    const smtp = await startScriptedSmtp(() => '', '');
    try {
      expect(await failure(netFor(dns, smtp).probeStartTls('mx.example.test', { signal: AbortSignal.timeout(200) }))).toBe('timeout');
    } finally {
      await smtp.close();
    }
  });

  it('does not connect to an MX host on a private address', async () => {
    const smtp = await startTestSmtp({ starttls: false });
    try {
      expect(await failure(netFor(dns, smtp).probeStartTls('mx.internal.test', { signal: signal() }))).toBe('forbidden_address');
    } finally {
      await smtp.close();
    }
  });
});
