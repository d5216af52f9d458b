import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import net from 'node:net';
import packet, { type Answer, type DecodedPacket, type RecordType } from 'dns-packet';
import { abortError, NetError } from './errors.js';

export type DnsStatus = 'ok' | 'nxdomain' | 'nodata';

export interface DnsAnswer<R> {
  readonly status: DnsStatus;
  readonly records: R[];
  /** How long the answer may be cached: the smallest TTL in it, or the negative-caching TTL (RFC 2308). */
  readonly ttlSeconds: number;
  /** The resolver's AD bit: it says it validated DNSSEC. Only as trustworthy as the path to it. */
  readonly authenticated: boolean;
}

export interface MxRecord {
  readonly preference: number;
  /** Lower case, no trailing dot; `.` for a null MX (RFC 7505). */
  readonly exchange: string;
}

export interface TlsaRecord {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  readonly data: Buffer;
}

export interface DnsClient {
  mx(name: string, signal: AbortSignal): Promise<DnsAnswer<MxRecord>>;
  /** Each TXT record's strings joined into one (RFC 8461 §3.1, RFC 7208 §3.3). */
  txt(name: string, signal: AbortSignal): Promise<DnsAnswer<string>>;
  /** A and AAAA together. */
  addresses(name: string, signal: AbortSignal): Promise<DnsAnswer<string>>;
  tlsa(name: string, signal: AbortSignal): Promise<DnsAnswer<TlsaRecord>>;
}

export interface DnsClientOptions {
  /** `ip`, `ip:port` or `[ipv6]:port`; the system's servers when empty. */
  readonly servers?: readonly string[];
  /** How long one server gets to answer before the next is asked. */
  readonly timeoutMs?: number;
}

/** Negative answers without an SOA are cached this long. */
const DEFAULT_NEGATIVE_TTL_SECONDS = 60;
/** RFC 8906 / DNS flag day 2020: a UDP payload size that avoids fragmentation. */
const EDNS_UDP_PAYLOAD = 1232;
const MAX_CNAME_HOPS = 8;

interface Server {
  readonly host: string;
  readonly port: number;
}

/** A stub resolver that talks to the configured recursive resolvers itself, so it sees TLSA and the AD bit on Node 20. */
export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const servers = (options.servers?.length ? options.servers : getServers()).map(parseServer);
  const timeoutMs = options.timeoutMs ?? 1000;
  const query = <R>(name: string, type: RecordType, signal: AbortSignal, pick: (answer: Answer) => R | undefined) =>
    resolve(servers, timeoutMs, normalizeName(name), type, signal).then((reply) => readAnswer(reply, normalizeName(name), type, pick));

  return {
    mx: (name, signal) =>
      query(name, 'MX', signal, (a) => (a.type === 'MX' ? { preference: a.data.preference ?? 0, exchange: normalizeName(a.data.exchange) } : undefined)),
    txt: (name, signal) =>
      query(name, 'TXT', signal, (a) => (a.type === 'TXT' ? [a.data].flat().map((s) => s.toString()).join('') : undefined)),
    tlsa: (name, signal) =>
      query(name, 'TLSA', signal, (a) =>
        a.type === 'TLSA' ? { usage: a.data.usage, selector: a.data.selector, matchingType: a.data.matchingType, data: a.data.certificate } : undefined,
      ),
    addresses: async (name, signal) => {
      const pick = (a: Answer) => (a.type === 'A' || a.type === 'AAAA' ? a.data : undefined);
      const [v4, v6] = await Promise.allSettled([query(name, 'A', signal, pick), query(name, 'AAAA', signal, pick)]);
      return mergeAddressAnswers(v4, v6);
    },
  };
}

/** One family failing (some resolvers mishandle AAAA) does not hide the other's addresses. */
function mergeAddressAnswers(...results: PromiseSettledResult<DnsAnswer<string>>[]): DnsAnswer<string> {
  const answers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const withRecords = answers.filter((a) => a.records.length > 0);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (withRecords.length === 0 && failed) throw failed.reason;
  const used = withRecords.length > 0 ? withRecords : answers;
  return {
    status: withRecords.length > 0 ? 'ok' : answers.every((a) => a.status === 'nxdomain') ? 'nxdomain' : 'nodata',
    records: used.flatMap((a) => a.records),
    ttlSeconds: Math.min(...used.map((a) => a.ttlSeconds)),
    authenticated: used.every((a) => a.authenticated),
  };
}

function parseServer(server: string): Server {
  if (net.isIP(server)) return { host: server, port: 53 };
  const match = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(server) ?? /^([\d.]+):(\d+)$/.exec(server);
  if (!match?.[1] || !net.isIP(match[1])) throw new NetError('dns_failure', 'DNS server must be an IP address with an optional port');
  return { host: match[1], port: match[2] ? Number(match[2]) : 53 };
}

function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower === '.' || lower === '' ? '.' : lower.replace(/\.$/, '');
}

/** Asks each server in turn; SERVFAIL, REFUSED or silence from one moves on to the next. */
async function resolve(servers: readonly Server[], timeoutMs: number, name: string, type: RecordType, signal: AbortSignal): Promise<DecodedPacket> {
  let lastError: NetError = new NetError('dns_failure', 'No DNS server configured');
  for (const server of servers) {
    try {
      const reply = await exchange(server, timeoutMs, name, type, signal, 'udp');
      const final = reply.flag_tc ? await exchange(server, timeoutMs, name, type, signal, 'tcp') : reply;
      const rcode = rcodeOf(final);
      if (rcode === 'NOERROR' || rcode === 'NXDOMAIN') return final;
      lastError = new NetError('dns_failure', `DNS server answered ${rcode} for ${type} ${name}`);
    } catch (error) {
      if (!(error instanceof NetError) || error.code === 'aborted' || signal.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

function rcodeOf(reply: DecodedPacket): string {
  return (reply as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
}

/** One query to one server; replies whose id or question differ are ignored (RFC 5452 §9.1). */
function exchange(server: Server, timeoutMs: number, name: string, type: RecordType, signal: AbortSignal, transport: 'udp' | 'tcp'): Promise<DecodedPacket> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  const id = randomInt(0, 0x10000);
  const query: packet.Packet = {
    type: 'query',
    id,
    // RFC 6840 §5.7: setting AD in the query asks a validating resolver to report it.
    flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA,
    questions: [{ type, name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  };
  const matches = (reply: DecodedPacket) =>
    reply.id === id && reply.type === 'response' && reply.questions?.length === 1 && reply.questions[0]?.type === type && normalizeName(reply.questions[0].name) === name;

  return new Promise<DecodedPacket>((resolvePromise, reject) => {
    const cleanups: (() => void)[] = [];
    let done = false;
    const finish = (error: Error | undefined, reply?: DecodedPacket) => {
      if (done) return;
      done = true;
      for (const cleanup of cleanups) cleanup();
      if (error) reject(error);
      else resolvePromise(reply as DecodedPacket);
    };
    const timer = setTimeout(() => finish(new NetError('timeout', `DNS server did not answer ${type} ${name} in time`)), timeoutMs);
    const onAbort = () => finish(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => clearTimeout(timer), () => signal.removeEventListener('abort', onAbort));
    const accept = (buffer: Buffer) => {
      let reply: DecodedPacket;
      try {
        reply = packet.decode(buffer);
      } catch {
        return; // garbage is ignored like a spoofed reply
      }
      if (matches(reply)) finish(undefined, reply);
    };

    if (transport === 'udp') {
      const socket = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
      cleanups.push(() => socket.close());
      socket.on('message', (message, from) => {
        if (from.port === server.port) accept(message);
      });
      socket.on('error', (error) => finish(new NetError('dns_failure', 'DNS socket error', { cause: error })));
      socket.send(packet.encode(query), server.port, server.host);
    } else {
      const socket = net.connect({ host: server.host, port: server.port });
      cleanups.push(() => socket.destroy());
      let received = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 2 && received.length >= received.readUInt16BE(0) + 2) accept(received.subarray(2, received.readUInt16BE(0) + 2));
      });
      socket.on('error', (error) => finish(new NetError('dns_failure', 'DNS TCP connection failed', { cause: error })));
      socket.on('end', () => finish(new NetError('dns_failure', 'DNS server closed the TCP connection')));
      socket.write(packet.streamEncode(query));
    }
  });
}

/** Follows the CNAME chain the resolver put in the answer and picks the records of the asked type. */
function readAnswer<R>(reply: DecodedPacket, name: string, type: RecordType, pick: (answer: Answer) => R | undefined): DnsAnswer<R> {
  const answers = reply.answers ?? [];
  const ttls: number[] = [];
  let owner = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const alias = answers.find((a) => a.type === 'CNAME' && normalizeName(a.name) === owner);
    if (!alias || alias.type !== 'CNAME') break;
    ttls.push(alias.ttl ?? 0);
    owner = normalizeName(alias.data);
  }
  const matching = answers.filter((a) => a.type === type && normalizeName(a.name) === owner);
  const records = matching.flatMap((a) => {
    const record = pick(a);
    return record === undefined ? [] : [record];
  });
  const authenticated = reply.flag_ad;
  if (records.length > 0) {
    return { status: 'ok', records, ttlSeconds: Math.min(...ttls, ...matching.map((a) => ('ttl' in a ? (a.ttl ?? 0) : 0))), authenticated };
  }
  return { status: rcodeOf(reply) === 'NXDOMAIN' ? 'nxdomain' : 'nodata', records: [], ttlSeconds: Math.min(...ttls, negativeTtl(reply)), authenticated };
}

/** RFC 2308 §5: a negative answer lives for the smaller of the SOA's TTL and its MINIMUM field. */
function negativeTtl(reply: DecodedPacket): number {
  const soa = reply.authorities?.find((a) => a.type === 'SOA');
  if (!soa || soa.type !== 'SOA') return DEFAULT_NEGATIVE_TTL_SECONDS;
  return Math.min(soa.ttl ?? DEFAULT_NEGATIVE_TTL_SECONDS, soa.data.minimum ?? DEFAULT_NEGATIVE_TTL_SECONDS);
}
