import net from 'node:net';
import tls from 'node:tls';
import { firstReachable, resolveCheckedAddresses } from './checked-addresses.js';
import type { DnsClient } from './dns.js';
import { abortError, NetError } from './errors.js';
import type { AddressGuard } from './guard.js';

/** What an MX host said about STARTTLS at one moment; STARTTLS can be stripped, so this is a snapshot. */
export interface StartTlsProbe {
  readonly starttls: boolean;
  /** e.g. `TLSv1.3`, when the handshake succeeded. */
  readonly tlsVersion?: string;
  /** Chain trusted and the certificate names the MX host. */
  readonly certificateValid?: boolean;
  /** OpenSSL's or Node's code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_TLS_CERT_ALTNAME_INVALID`. */
  readonly authorizationError?: string;
  /** The certificate's notAfter, ISO 8601. */
  readonly validTo?: string;
}

export type ProbeStartTls = (host: string, options: { signal: AbortSignal }) => Promise<StartTlsProbe>;

export interface StartTlsProbeDeps {
  readonly dns: DnsClient;
  readonly guard: AddressGuard;
  /** Name given in EHLO. */
  readonly heloName?: string;
  /** Test-only: connect here instead of 25. */
  readonly port?: number;
  /** Test-only: a CA trusted besides the system's. */
  readonly caPem?: string;
}

/** Longest SMTP reply we read; a real EHLO reply is a few hundred bytes. */
const MAX_REPLY_BYTES = 16 * 1024;

/** service.md A "STARTTLS probe": 220 → EHLO → STARTTLS offered? → STARTTLS → TLS handshake → QUIT. */
export function createStartTlsProbe(deps: StartTlsProbeDeps): ProbeStartTls {
  const ca = deps.caPem ? [...tls.rootCertificates, deps.caPem] : undefined;
  const heloName = deps.heloName ?? 'phi-guard.invalid';
  return async (host, { signal }) => {
    const addresses = await resolveCheckedAddresses(host, deps.dns, deps.guard, signal);
    return firstReachable(addresses, async (ip) => {
      const socket = await connect(ip, deps.port ?? 25, signal);
      const replies = createReplyReader(socket, signal);
      try {
        return await converse(socket, replies, host, heloName, ca, signal);
      } finally {
        replies.detach();
        socket.destroy();
      }
    });
  };
}

function connect(ip: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: ip, port });
    const onAbort = () => {
      socket.destroy();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new NetError('connect_failed', 'Could not connect to the MX host', { cause: error }));
    });
  });
}

async function converse(
  socket: net.Socket,
  replies: ReplyReader,
  host: string,
  heloName: string,
  ca: string[] | undefined,
  signal: AbortSignal,
): Promise<StartTlsProbe> {
  const greeting = await replies.next();
  if (greeting.code !== 220) throw new NetError('protocol', `MX host greeted with ${greeting.code}`);
  socket.write(`EHLO ${heloName}\r\n`);
  const ehlo = await replies.next();
  // A server refusing EHLO speaks plain RFC 821 SMTP, which has no STARTTLS.
  const offered = ehlo.code === 250 && ehlo.lines.slice(1).some((line) => /^STARTTLS$/i.test(line.trim()));
  if (!offered) return quit(socket, { starttls: false });
  socket.write('STARTTLS\r\n');
  const ready = await replies.next();
  if (ready.code !== 220) return quit(socket, { starttls: false });
  replies.detach();

  const secure = await handshake(socket, host, ca, signal);
  try {
    const certificate = secure.getPeerCertificate();
    const validTo = certificate.valid_to ? new Date(certificate.valid_to) : undefined;
    return {
      starttls: true,
      tlsVersion: secure.getProtocol() ?? undefined,
      certificateValid: secure.authorized,
      ...(secure.authorized ? {} : { authorizationError: String(secure.authorizationError) }),
      ...(validTo && !Number.isNaN(validTo.getTime()) ? { validTo: validTo.toISOString() } : {}),
    };
  } finally {
    secure.end('QUIT\r\n');
  }
}

function quit(socket: net.Socket, result: StartTlsProbe): StartTlsProbe {
  socket.end('QUIT\r\n');
  return result;
}

/** TLS on the open connection; the certificate is checked (chain and name) but not enforced, so we can report why it fails. */
function handshake(socket: net.Socket, host: string, ca: string[] | undefined, signal: AbortSignal): Promise<tls.TLSSocket> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, servername: host, minVersion: 'TLSv1.2', ca, rejectUnauthorized: false });
    const onAbort = () => {
      secure.destroy();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    secure.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(secure);
    });
    secure.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new NetError('tls_failed', 'TLS handshake with the MX host failed', { cause: error }));
    });
  });
}

interface SmtpReply {
  readonly code: number;
  /** Text after the code, one entry per line of a multi-line reply. */
  readonly lines: string[];
}

interface ReplyReader {
  next(): Promise<SmtpReply>;
  /** Stops reading, e.g. to hand the socket over to TLS. */
  detach(): void;
}

/** Reads SMTP replies (RFC 5321 §4.2: `250-…` continues, `250 …` ends) one at a time. */
function createReplyReader(socket: net.Socket, signal: AbortSignal): ReplyReader {
  let buffered = '';
  let lines: string[] = [];
  const complete: SmtpReply[] = [];
  let waiting: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void } | undefined;
  let failure: Error | undefined;

  const settle = () => {
    if (!waiting) return;
    const reply = complete.shift();
    if (reply) waiting.resolve(reply);
    else if (failure) waiting.reject(failure);
    else return;
    waiting = undefined;
  };
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    if (buffered.length > MAX_REPLY_BYTES) return fail(new NetError('protocol', 'SMTP reply too long'));
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end).replace(/\r$/, '');
      buffered = buffered.slice(end + 1);
      const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
      if (!match) return fail(new NetError('protocol', 'Malformed SMTP reply'));
      lines.push(match[3] ?? '');
      if (match[2] !== '-') {
        complete.push({ code: Number(match[1]), lines });
        lines = [];
      }
    }
    settle();
  };
  const onEnd = () => fail(new NetError('protocol', 'MX host closed the connection'));
  const onError = (error: Error) => fail(new NetError('protocol', 'SMTP connection failed', { cause: error }));
  const onAbort = () => fail(abortError(signal));
  if (signal.aborted) onAbort();
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  signal.addEventListener('abort', onAbort, { once: true });

  return {
    next: () =>
      new Promise<SmtpReply>((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }),
    detach() {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
