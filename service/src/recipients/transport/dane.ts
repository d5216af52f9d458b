import type { DnsAnswer, MxRecord, TlsaRecord } from '../../net/dns.js';
import type { Net } from '../../net/net.js';

export interface DaneCheck {
  /** True only when DNSSEC-validated TLSA records protect every MX host; never guessed. */
  readonly dane: boolean;
  /** Smallest TTL of the TLSA answers read; Infinity when none was read. */
  readonly ttlSeconds: number;
}

/**
 * RFC 7672 §3.1.3: for SMTP only DANE-TA(2) and DANE-EE(3) are usable; PKIX-TA/EE (0, 1) are
 * not, and unknown selectors or matching types make a record unusable.
 */
export function isUsableTlsa(record: TlsaRecord): boolean {
  return (record.usage === 2 || record.usage === 3) && record.selector <= 1 && record.matchingType <= 2;
}

/** `_25._tcp.<mx>` (RFC 7672 §2.2.3). */
export function tlsaName(mxHost: string): string {
  return `_25._tcp.${mxHost}`;
}

/**
 * Whether DANE protects mail to these MX hosts. The AD bit is believed only when `trustDnssec`
 * says the resolver validates and the path to it is trusted. An unauthenticated MX answer could
 * name an attacker's host (RFC 7672 §2.2.1), so it rules DANE out; so does any MX host without a
 * usable, authenticated TLSA record, as mail could go there. Lookup failures throw (NetError).
 */
export async function checkDane(mx: DnsAnswer<MxRecord>, hosts: readonly string[], options: { net: Pick<Net, 'dns'>; signal: AbortSignal; trustDnssec: boolean }): Promise<DaneCheck> {
  if (!options.trustDnssec || !mx.authenticated || hosts.length === 0) return { dane: false, ttlSeconds: Infinity };
  const answers = await Promise.all(hosts.map((host) => options.net.dns.tlsa(tlsaName(host), options.signal)));
  return {
    dane: answers.every((answer) => answer.authenticated && answer.records.some(isUsableTlsa)),
    ttlSeconds: Math.min(...answers.map((answer) => answer.ttlSeconds)),
  };
}
