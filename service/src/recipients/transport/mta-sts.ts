import { z } from 'zod';
import { NetError } from '../../net/errors.js';
import type { Net } from '../../net/net.js';

/** RFC 8461 §3.2: the longest a policy may be cached (about a year). */
export const MAX_STS_MAX_AGE = 31_557_600;
/** Google's limit for a policy file (service.md A); the RFC sets none. */
const MAX_POLICY_BYTES = 64 * 1024;

export type StsMode = 'enforce' | 'testing' | 'none';

export interface StsPolicy {
  readonly mode: StsMode;
  readonly maxAge: number;
  /** Lower case, e.g. `mx1.example.net` or `*.example.net`. */
  readonly mx: string[];
}

export interface MtaSts extends StsPolicy {
  /** The TXT record's id: a new one means a new policy. */
  readonly id: string;
}

export interface MtaStsLookup {
  /** Null when the domain publishes no (single, valid) STS record. */
  readonly sts: MtaSts | null;
  /** How long the TXT answer, positive or negative, may be cached. */
  readonly txtTtlSeconds: number;
}

/**
 * The `id` of the domain's STS TXT record (RFC 8461 §3.1: `v=STSv1; id=…`, id 1–32 letters and
 * digits, other fields allowed), or null when it has none. Records not starting with `v=STSv1`
 * are ignored; more than one STS record means none.
 */
export function parseStsRecord(txt: readonly string[]): { id: string } | null {
  const sts = txt.filter((record) => record.startsWith('v=STSv1'));
  if (sts.length !== 1) return null;
  const [version, ...fields] = (sts[0] ?? '').split(';').map((field) => field.trim());
  if (version !== 'v=STSv1') return null;
  const ids = fields.filter((field) => field.startsWith('id='));
  const id = ids.length === 1 ? /^id=([A-Za-z0-9]{1,32})$/.exec(ids[0] ?? '')?.[1] : undefined;
  return id ? { id } : null;
}

const MxPattern = z
  .string()
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
  .max(253);

const StsPolicySchema = z
  .object({
    version: z.literal('STSv1'),
    mode: z.enum(['enforce', 'testing', 'none']),
    max_age: z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .pipe(z.number().int().max(MAX_STS_MAX_AGE)),
    mx: z.array(MxPattern),
  })
  .refine((policy) => policy.mode === 'none' || policy.mx.length > 0, { error: 'enforce and testing policies need mx patterns' });

/**
 * Parses a policy file (RFC 8461 §3.2): `key: value` lines, CRLF or LF, `mx` repeatable,
 * unknown keys ignored, the first of a repeated key used. Null when it is not a valid policy.
 */
export function parseStsPolicy(text: string): StsPolicy | null {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_]+)[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match?.[1]) continue;
    const key = match[1];
    const value = match[2] ?? '';
    if (key === 'mx') mx.push(value.toLowerCase().replace(/\.$/, ''));
    else if (!fields.has(key)) fields.set(key, value);
  }
  const parsed = StsPolicySchema.safeParse({ version: fields.get('version'), mode: fields.get('mode'), max_age: fields.get('max_age'), mx });
  if (!parsed.success) return null;
  return { mode: parsed.data.mode, maxAge: parsed.data.max_age, mx: parsed.data.mx };
}

/** RFC 8461 §4.1: a pattern `*.example.net` matches exactly one extra left-most label; otherwise exact. */
export function mxMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/**
 * The domain's MTA-STS: TXT `_mta-sts.<domain>`, then the policy from
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`. Throws NetError when a policy is announced
 * but cannot be had: only a 200 with `text/plain` counts, redirects are refused (RFC 8461 §3.3),
 * an invalid policy is `protocol`.
 */
export async function fetchMtaSts(domain: string, net: Pick<Net, 'dns' | 'httpsGet'>, signal: AbortSignal): Promise<MtaStsLookup> {
  const txt = await net.dns.txt(`_mta-sts.${domain}`, signal);
  const record = parseStsRecord(txt.records);
  if (!record) return { sts: null, txtTtlSeconds: txt.ttlSeconds };

  const response = await net.httpsGet(`https://mta-sts.${domain}/.well-known/mta-sts.txt`, { signal, maxBytes: MAX_POLICY_BYTES, accept: 'text/plain' });
  if (response.status !== 200) throw new NetError('http_status', `MTA-STS policy host answered HTTP ${response.status}`);
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'text/plain') throw new NetError('protocol', 'MTA-STS policy is not text/plain');
  const policy = parseStsPolicy(response.body.toString('utf8'));
  if (!policy) throw new NetError('protocol', 'MTA-STS policy is not valid');
  return { sts: { ...policy, id: record.id }, txtTtlSeconds: txt.ttlSeconds };
}
