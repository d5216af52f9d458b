import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { CodedError } from '../coded-error.js';
import { parseOpenPgpKeys, type ParsedOpenPgpKey } from './openpgp.js';

/** What WKD lookup needs from the network layer (service/src/net provides it). */
export interface WkdNet {
  httpsGet(url: string, options: { signal: AbortSignal; maxBytes?: number }): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
  dns: {
    addresses(
      name: string,
      signal: AbortSignal,
    ): Promise<{ status: 'ok' | 'nxdomain' | 'nodata'; records: string[]; ttlSeconds: number; authenticated: boolean }>;
  };
}

export type WkdMethod = 'advanced' | 'direct';
export type WkdResult = { status: 'found'; key: ParsedOpenPgpKey; method: WkdMethod } | { status: 'none' };

export type WkdErrorCode =
  /** The server answered neither 200 nor 404. */
  | 'http_status'
  /** A 200 whose body is not an OpenPGP public key. */
  | 'bad_response'
  /** The address has no local part or no valid domain. */
  | 'invalid_address';

/** A failed lookup (not a "no key"): callers treat it as unknown. Never carries the address. */
export class WkdError extends CodedError<WkdErrorCode> {
  override readonly name = 'WkdError';
}

/** Keys are small; a WKD answer over this is not a key we want. */
export const WKD_MAX_BYTES = 256 * 1024;

const ZBASE32 = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** z-base-32 (as the WKD draft uses it): 5 bits per character, most significant first, no padding. */
export function zBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ZBASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + ZBASE32[(buffer << (5 - bits)) & 31] : out;
}

/** draft-koch-openpgp-webkey-service §3.1: z-base-32(SHA-1(local part with only A–Z lower-cased)). */
export function wkdHash(localPart: string): string {
  const mapped = localPart.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return zBase32(createHash('sha1').update(mapped, 'utf8').digest());
}

/** The advanced and direct URLs for an address. */
export function wkdUrls(address: string): Record<WkdMethod, string> {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = domainToASCII(address.slice(at + 1)).toLowerCase();
  if (at < 1 || domain === '') throw new WkdError('invalid_address', 'not an email address');
  const path = `hu/${wkdHash(local)}?l=${encodeURIComponent(local)}`;
  return {
    advanced: `https://openpgpkey.${domain}/.well-known/openpgpkey/${domain}/${path}`,
    direct: `https://${domain}/.well-known/openpgpkey/${path}`,
  };
}

export interface WkdLookupOptions {
  readonly net: WkdNet;
  readonly signal: AbortSignal;
  readonly now: Date;
  readonly maxBytes?: number;
}

/**
 * Looks up an address's key by WKD: the advanced method when `openpgpkey.<domain>` resolves,
 * else the direct method (draft §3.1). Only keys with a self-signed user ID for the address count;
 * a usable one is preferred. Network and server failures throw.
 */
export async function lookupWkd(address: string, options: WkdLookupOptions): Promise<WkdResult> {
  const { net, signal, now, maxBytes = WKD_MAX_BYTES } = options;
  const urls = wkdUrls(address);
  const advancedHost = new URL(urls.advanced).hostname;
  const { status } = await net.dns.addresses(advancedHost, signal);
  const method: WkdMethod = status === 'ok' ? 'advanced' : 'direct';

  const response = await net.httpsGet(urls[method], { signal, maxBytes });
  if (response.status === 404) return { status: 'none' };
  if (response.status !== 200) throw new WkdError('http_status', `the key directory answered HTTP ${response.status}`);

  let keys: ParsedOpenPgpKey[];
  try {
    keys = await parseOpenPgpKeys(response.body, { now });
  } catch (error) {
    throw new WkdError('bad_response', 'the key directory did not return an OpenPGP public key', { cause: error });
  }
  const wanted = address.toLowerCase();
  const matching = keys.filter((key) => key.addresses.includes(wanted));
  const key = matching.find((k) => k.usableForEncryption) ?? matching[0];
  return key ? { status: 'found', key, method } : { status: 'none' };
}
