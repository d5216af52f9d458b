import type { DnsAnswer, MxRecord } from '../../net/dns.js';
import { NetError } from '../../net/errors.js';
import type { Net } from '../../net/net.js';
import type { StartTlsProbe } from '../../net/smtp-probe.js';
import { checkDane, type DaneCheck } from './dane.js';
import { fetchMtaSts, mxMatches, type MtaStsLookup, type StsMode } from './mta-sts.js';

/**
 * - `enforced`: MTA-STS `enforce` covering every MX host, or DANE; a sending MTA that honours
 *   them will not deliver in clear.
 * - `opportunistic`: the MX offers STARTTLS, or MTA-STS is in `testing`; it can be stripped.
 * - `none`: the MX does not offer STARTTLS, or the domain takes no mail (no MX, null MX).
 * - `unknown`: the facts needed could not be had in time.
 */
export type TransportLevel = 'enforced' | 'opportunistic' | 'none' | 'unknown';

export interface TransportSecurity {
  readonly level: TransportLevel;
  /** MX hosts by preference; empty when there are none or they could not be read. */
  readonly mx: string[];
  /** Whether the most preferred MX host offered STARTTLS when probed. */
  readonly starttls: boolean | 'unknown';
  readonly mtaSts: { mode: StsMode; id: string; maxAge: number; mx: string[] } | null | 'unknown';
  /** True only when DNSSEC-validated TLSA records cover every MX host and the resolver is trusted. */
  readonly dane: boolean | 'unknown';
  readonly checkedAt: string;
  /** How long this answer may be cached. */
  readonly ttlSeconds: number;
}

export interface CheckTransportOptions {
  readonly net: Net;
  /** The caller's deadline; whatever is not known by then is `unknown`. */
  readonly signal: AbortSignal;
  /** `lookup.trustDnssec`: believe the resolver's AD bit (DANE). */
  readonly trustDnssec: boolean;
  /** `lookup.starttlsProbe`: connect to the MX on port 25. */
  readonly starttlsProbe: boolean;
  readonly now?: () => Date;
}

/** Answers where a lookup failed are asked again soon. */
export const UNKNOWN_TTL_SECONDS = 60;
/** A STARTTLS probe is a snapshot (service.md A), so no answer is kept longer than a day. */
export const MAX_TTL_SECONDS = 86_400;

type Outcome<T> = { ok: true; value: T } | { ok: false };

/** Expected network failures become "not known"; anything else is a bug and propagates. */
async function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof NetError) return { ok: false };
    throw error;
  }
}

/**
 * What protects mail to `domain` in transit. MX, MTA-STS, and then DANE and the STARTTLS probe
 * run in parallel under the caller's signal; each failing only makes its own fact `unknown`.
 */
export async function checkTransport(domain: string, options: CheckTransportOptions): Promise<TransportSecurity> {
  const { net, signal } = options;
  const now = options.now ?? (() => new Date());
  const stsPending = settle(fetchMtaSts(domain, net, signal));
  const mx = await settle(net.dns.mx(domain, signal));
  const hosts = mx.ok ? mxHosts(mx.value) : undefined;

  const probeHost = options.starttlsProbe ? hosts?.[0] : undefined;
  const [dane, probe, sts] = await Promise.all([
    mx.ok && hosts ? settle(checkDane(mx.value, hosts, options)) : Promise.resolve<Outcome<DaneCheck>>({ ok: false }),
    probeHost ? settle(net.probeStartTls(probeHost, { signal })) : Promise.resolve<Outcome<StartTlsProbe>>({ ok: false }),
    stsPending,
  ]);

  const starttls: boolean | 'unknown' = hosts?.length === 0 ? false : probe.ok ? probe.value.starttls : 'unknown';
  const facts = {
    mx: hosts ?? [],
    starttls,
    mtaSts: sts.ok ? (sts.value.sts && { mode: sts.value.sts.mode, id: sts.value.sts.id, maxAge: sts.value.sts.maxAge, mx: sts.value.sts.mx }) : ('unknown' as const),
    dane: dane.ok ? dane.value.dane : ('unknown' as const),
  };
  const level = levelOf(facts, hosts);
  // A probe switched off is not retried sooner; a failed lookup is.
  const anyFailed = !mx.ok || !sts.ok || !dane.ok || (probeHost !== undefined && !probe.ok);
  return {
    level,
    ...facts,
    checkedAt: now().toISOString(),
    ttlSeconds: ttlOf([mx.ok ? mx.value.ttlSeconds : Infinity, sts.ok ? stsTtl(sts.value) : Infinity, dane.ok ? dane.value.ttlSeconds : Infinity], anyFailed),
  };
}

/** MX hosts by preference; none for a null MX (RFC 7505) or no MX records. */
function mxHosts(answer: DnsAnswer<MxRecord>): string[] {
  const records = answer.records.filter((record) => record.exchange !== '.');
  return [...records].sort((a, b) => a.preference - b.preference).map((record) => record.exchange);
}

function levelOf(facts: Pick<TransportSecurity, 'starttls' | 'mtaSts' | 'dane'>, hosts: readonly string[] | undefined): TransportLevel {
  const sts = facts.mtaSts === 'unknown' ? null : facts.mtaSts;
  // Every MX host must match: a host outside the policy means a misconfigured policy.
  const stsCovers = !!sts && !!hosts && hosts.length > 0 && hosts.every((host) => sts.mx.some((pattern) => mxMatches(pattern, host)));
  if ((sts?.mode === 'enforce' && stsCovers) || facts.dane === true) return 'enforced';
  // Without MX the domain takes no mail (our reading; RFC 5321's implicit MX is not tried).
  if (hosts?.length === 0) return 'none';
  if (facts.starttls === true || sts?.mode === 'testing') return 'opportunistic';
  if (facts.starttls === false) return 'none';
  return 'unknown';
}

function stsTtl(lookup: MtaStsLookup): number {
  return Math.min(lookup.txtTtlSeconds, lookup.sts?.maxAge ?? Infinity);
}

function ttlOf(ttls: readonly number[], anyFailed: boolean): number {
  return Math.min(...ttls, anyFailed ? UNKNOWN_TTL_SECONDS : MAX_TTL_SECONDS);
}
