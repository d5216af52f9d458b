import https from 'node:https';
import net from 'node:net';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { firstReachable, resolveCheckedAddresses } from './checked-addresses.js';
import type { DnsClient } from './dns.js';
import { abortError, NetError } from './errors.js';
import type { AddressGuard } from './guard.js';

export interface HttpsGetOptions {
  readonly signal: AbortSignal;
  /** Largest body read; a longer one is `too_large`. */
  readonly maxBytes?: number;
  readonly accept?: string;
}

export interface HttpsResponse {
  /** Any status but 3xx (redirects are refused). */
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export type HttpsGet = (url: string, options: HttpsGetOptions) => Promise<HttpsResponse>;

export interface HttpsGetDeps {
  readonly dns: DnsClient;
  readonly guard: AddressGuard;
  /** Default largest body when a call gives none. */
  readonly maxBytes: number;
  /** Test-only: connect here instead of 443. */
  readonly port?: number;
  /** Test-only: a CA trusted besides the system's. */
  readonly caPem?: string;
}

/**
 * GET over https only, to port 443, following no redirects (RFC 8461 §3.3 for MTA-STS; we apply
 * it to every lookup). The host is resolved with our DNS client, each address checked by the
 * guard, and the socket opened to that checked address with SNI and certificate checks on the
 * host name.
 */
export function createHttpsGet(deps: HttpsGetDeps): HttpsGet {
  const ca = deps.caPem ? [...rootCertificates, deps.caPem] : undefined;
  return async (url, options) => {
    const target = parseTarget(url);
    const addresses = await resolveCheckedAddresses(target.host, deps.dns, deps.guard, options.signal);
    return firstReachable(addresses, (ip) =>
      request(ip, target, { ...options, maxBytes: options.maxBytes ?? deps.maxBytes, port: deps.port ?? 443, ca }),
    );
  };
}

function parseTarget(url: string): { host: string; path: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NetError('protocol', 'Not a URL');
  }
  if (parsed.protocol !== 'https:') throw new NetError('protocol', 'Only https URLs are fetched');
  if (parsed.port !== '') throw new NetError('protocol', 'Only the default https port is used');
  if (parsed.username || parsed.password) throw new NetError('protocol', 'URLs with credentials are not fetched');
  // Host names only: a certificate is checked against a name, and the guard needs a DNS answer to check.
  if (net.isIP(parsed.hostname.replace(/^\[|\]$/g, ''))) throw new NetError('protocol', 'IP address URLs are not fetched');
  return { host: parsed.hostname, path: `${parsed.pathname}${parsed.search}` };
}

interface RequestOptions extends HttpsGetOptions {
  readonly maxBytes: number;
  readonly port: number;
  readonly ca: string[] | undefined;
}

function request(ip: string, target: { host: string; path: string }, options: RequestOptions): Promise<HttpsResponse> {
  const { signal, maxBytes } = options;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<HttpsResponse>((resolve, reject) => {
    let stage: 'connect' | 'tls' | 'http' = 'connect';
    let settled = false;
    const fail = (error: NetError) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const req = https.request({
      host: ip,
      servername: target.host,
      port: options.port,
      path: target.path,
      method: 'GET',
      headers: { host: target.host, accept: options.accept ?? '*/*', 'accept-encoding': 'identity' },
      ca: options.ca,
      agent: false,
      signal,
    });
    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => (stage = 'tls'));
      socket.once('secureConnect', () => (stage = 'http'));
    });
    req.on('error', (error) => {
      if (signal.aborted) return fail(abortError(signal));
      const code = stage === 'connect' ? 'connect_failed' : stage === 'tls' ? 'tls_failed' : 'protocol';
      fail(new NetError(code, `HTTPS ${code.replace('_', ' ')} for ${target.host}`, { cause: error }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail(new NetError('redirect_refused', `${target.host} answered with a redirect`));
      if (Number(res.headers['content-length']) > maxBytes) return fail(tooLarge(target.host));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail(tooLarge(target.host));
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) });
      });
      res.on('error', (error) =>
        fail(signal.aborted ? abortError(signal) : new NetError('protocol', `HTTPS response from ${target.host} broke off`, { cause: error })),
      );
    });
    req.end();
  });
}

function tooLarge(host: string): NetError {
  return new NetError('too_large', `The response from ${host} is larger than allowed`);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = [value].flat().join(', ');
  return flat;
}
