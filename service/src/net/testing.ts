// Test helpers: real servers on 127.0.0.1 (port 0) that outbound lookups can be pointed at.
import dgram from 'node:dgram';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import packet, { type Answer, type DecodedPacket } from 'dns-packet';
import { SMTPServer } from 'smtp-server';
import { createLocalCa, type LocalCa, type LocalCertificate } from '../tls/local-ca.js';
import { NetError } from './errors.js';

export type TestRecord =
  | { type: 'A' | 'AAAA' | 'CNAME'; data: string; ttl?: number }
  | { type: 'MX'; data: { preference: number; exchange: string }; ttl?: number }
  | { type: 'TXT'; data: string | string[]; ttl?: number }
  | { type: 'TLSA'; data: { usage: number; selector: number; matchingType: number; certificate: Buffer }; ttl?: number };

/** Records by owner name (lower case, no trailing dot). Unknown names get NXDOMAIN. */
export type TestZone = Record<string, TestRecord[]>;

export interface TestDns {
  /** `127.0.0.1:<port>`, for `dnsServers`. UDP and TCP listen on the same port. */
  readonly server: string;
  /** Edit at will; each query reads it afresh. */
  readonly zone: TestZone;
  /** Names never answered (any type), to make lookups time out. */
  readonly silent: Set<string>;
  /** Names answered with SERVFAIL. */
  readonly servfail: Set<string>;
  /** Set the AD bit on answers, as a validating resolver does. */
  authenticated: boolean;
  /** Answer UDP queries with an empty truncated (TC) reply, forcing a retry over TCP. */
  truncateUdp: boolean;
  /** TTL and SOA MINIMUM of negative answers. */
  negativeTtl: number;
  /** Queries received, as `TYPE name`. */
  readonly queries: string[];
  close(): Promise<void>;
}

const DEFAULT_TTL = 300;

export async function startTestDns(zone: TestZone = {}): Promise<TestDns> {
  const { udp, tcp } = await listenOnOnePort();
  const port = (tcp.address() as net.AddressInfo).port;
  const dns: TestDns = {
    server: `127.0.0.1:${port}`,
    zone,
    silent: new Set(),
    servfail: new Set(),
    authenticated: false,
    truncateUdp: false,
    negativeTtl: 30,
    queries: [],
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };

  udp.on('message', (message, from) => {
    const reply = answer(dns, message, 'udp');
    if (reply) udp.send(packet.encode(reply), from.port, from.address);
  });
  tcp.on('connection', (socket) => {
    let received = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const length = received.length >= 2 ? received.readUInt16BE(0) : Infinity;
      if (received.length < length + 2) return;
      const reply = answer(dns, received.subarray(2, length + 2), 'tcp');
      received = received.subarray(length + 2);
      if (reply) socket.write(packet.streamEncode(reply));
    });
  });
  return dns;
}

async function listenOnOnePort(): Promise<{ udp: dgram.Socket; tcp: net.Server }> {
  for (let attempt = 0; ; attempt++) {
    const tcp = net.createServer();
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const udp = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind((tcp.address() as net.AddressInfo).port, '127.0.0.1', resolve);
      });
      return { udp, tcp };
    } catch (error) {
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (attempt === 4) throw error;
    }
  }
}

function answer(dns: TestDns, message: Buffer, transport: 'udp' | 'tcp'): packet.Packet | undefined {
  let query: DecodedPacket;
  try {
    query = packet.decode(message);
  } catch {
    return undefined;
  }
  const question = query.questions?.[0];
  if (!question) return undefined;
  const name = question.name.toLowerCase().replace(/\.$/, '');
  dns.queries.push(`${question.type} ${name}`);
  if (dns.silent.has(name)) return undefined;

  const flags = packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (dns.authenticated ? packet.AUTHENTIC_DATA : 0);
  const reply = { type: 'response' as const, id: query.id, questions: [question] };
  if (dns.servfail.has(name)) return { ...reply, flags: flags | RCODE.SERVFAIL };
  if (transport === 'udp' && dns.truncateUdp) return { ...reply, flags: flags | packet.TRUNCATED_RESPONSE };

  const answers: Answer[] = [];
  let owner = name;
  for (let hop = 0; hop < 8; hop++) {
    const records = dns.zone[owner];
    const alias = records?.find((r) => r.type === 'CNAME');
    if (!alias || question.type === 'CNAME') break;
    answers.push(toAnswer(owner, alias));
    owner = String(alias.data).toLowerCase();
  }
  const records = dns.zone[owner];
  answers.push(...(records ?? []).filter((r) => r.type === question.type).map((r) => toAnswer(owner, r)));
  const soa: Answer = {
    type: 'SOA',
    name: owner.split('.').slice(-1)[0] ?? owner,
    ttl: dns.negativeTtl,
    data: { mname: 'ns.test', rname: 'hostmaster.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: dns.negativeTtl },
  };
  const rcode = records === undefined ? RCODE.NXDOMAIN : 0;
  return { ...reply, flags: flags | rcode, answers, authorities: answers.length > 0 ? [] : [soa] };
}

const RCODE = { SERVFAIL: 2, NXDOMAIN: 3 } as const;

function toAnswer(name: string, record: TestRecord): Answer {
  return { name, ttl: record.ttl ?? DEFAULT_TTL, ...record } as Answer;
}

/** A test certificate authority: trust `certPem`, serve certificates from `issue`. */
export type TestCa = LocalCa;
export type TestCertificate = LocalCertificate;

/** A CA for tests, valid a week. */
export function createTestCa(name = 'PHI Guard Test CA'): Promise<TestCa> {
  return createLocalCa(name, 7);
}

export interface TestServer {
  readonly port: number;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 presenting a certificate for `hosts` from `ca`. */
export async function startTestHttps(options: {
  ca: TestCa;
  hosts: readonly string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}): Promise<TestServer> {
  const { keyPem, certPem } = await options.ca.issue(options.hosts);
  const server = https.createServer({ key: keyPem, cert: certPem }, options.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An SMTP server on 127.0.0.1 that offers STARTTLS or not. Give `cert` when it does: without
 * one, smtp-server presents its built-in self-signed (and expired) certificate.
 */
export async function startTestSmtp(options: { starttls: boolean; cert?: TestCertificate }): Promise<TestServer> {
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: options.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.cert ? { key: options.cert.keyPem, cert: options.cert.certPem } : {}),
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a network call ended in, for tests: `resolved`, or the NetError code it threw. */
export async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof NetError ? error.code : String(error);
  }
}
