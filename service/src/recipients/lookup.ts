import {
  classifyAddress,
  displayNameMismatch,
  domainOf,
  FREE_MAIL_DOMAINS,
  freeMailPosingAs,
  lookalikeOf,
  recommendProtection,
  type Policy,
  type Recipient,
} from '@phiguard/core';
import type { CapabilityCache } from './capability-cache.js';
import type { ConsentStatus } from '../consent/schema.js';
import type {
  KeyCapability,
  LookupRequest,
  LookupResponse,
  LookupWarning,
  RecipientLookup,
  TransportCapability,
} from './schema.js';

/** Keys and certificates on file for an address and usable now. */
export interface RegistryKeys {
  readonly openpgp?: { fingerprint: string; expires?: string };
  readonly smime?: { fingerprint: string; expires?: string };
}

/** What the lookup reads from the service's own data: fast, local, no deadline. */
export interface LookupSources {
  registryKeys(addresses: readonly string[], now: Date): Promise<ReadonlyMap<string, RegistryKeys>>;
  consents(addresses: readonly string[]): Promise<ReadonlyMap<string, ConsentStatus>>;
  /** Earlier sends by `sender` to each address, from the audit log. */
  previousSends(sender: string, addresses: readonly string[]): Promise<ReadonlyMap<string, number>>;
  knownCorrespondents(): Promise<readonly string[]>;
}

export interface LookupOptions {
  readonly policy: Policy;
  readonly sources: LookupSources;
  /** WKD and transport answers, cached; slow ones come back `unknown` at the deadline. */
  readonly cache: CapabilityCache;
  readonly deadlineMs: number;
  /** Consumer mail providers (core's FREE_MAIL_DOMAINS when absent). */
  readonly freeMailDomains?: readonly string[];
  readonly now?: () => Date;
}

const NO_CONSENT: ConsentStatus = { state: 'none', allowUnencrypted: false };

/**
 * Answers "what can each recipient receive, and is each the right one?" for a whole send at once.
 * Local facts (registries, consent, history) are read in a few queries; network facts (WKD keys,
 * the domain's transport security) come from the cache or are fetched in parallel, and whatever is
 * not known by the deadline is `unknown` — the request itself never fails for a slow domain.
 */
export async function lookupRecipients(request: LookupRequest, sender: string, options: LookupOptions): Promise<LookupResponse> {
  const now = (options.now ?? (() => new Date()))();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.deadlineMs)));
  try {
    return await answer(request, sender, options, now, deadline);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(request: LookupRequest, sender: string, options: LookupOptions, now: Date, deadline: Promise<void>): Promise<LookupResponse> {
  const { policy, sources, cache } = options;
  const unique = [...new Map(request.recipients.map((r) => [r.address.toLowerCase(), { ...r, address: r.address.toLowerCase() }])).values()];
  const addresses = unique.map((r) => r.address);
  const outside = addresses.filter((a) => classifyAddress(a, policy) !== 'internal');

  const [keys, consents, history, known] = await Promise.all([
    sources.registryKeys(addresses, now),
    sources.consents(addresses),
    sources.previousSends(sender.toLowerCase(), outside),
    sources.knownCorrespondents(),
  ]);
  const freeMail = options.freeMailDomains ?? FREE_MAIL_DOMAINS;
  const organisations = [...policy.organisation.domains, ...policy.organisation.partnerDomains];
  // The organisation's own and partner domains first: imitating them is the likeliest attack.
  const references = [...new Set([...organisations, ...known])];
  const trusted = [...references, ...freeMail];
  const domains = [...new Set(outside.map(domainOf))];
  const [transports, wkd] = await Promise.all([
    Promise.all(domains.map(async (d) => [d, await cache.transport(d, deadline)] as const)).then((pairs) => new Map(pairs)),
    Promise.all(
      outside.filter((a) => keys.get(a)?.openpgp === undefined).map(async (a) => [a, await cache.wkd(a, deadline)] as const),
    ).then((pairs) => new Map(pairs)),
  ]);

  const checkedAt = now.toISOString();
  const recipients = unique.map((input): RecipientLookup => {
    const address = input.address;
    const classification = classifyAddress(address, policy);
    const internal = classification === 'internal';
    const domain = domainOf(address);
    const consent = consents.get(address) ?? NO_CONSENT;
    const onFile = keys.get(address) ?? {};
    const openpgp: KeyCapability = onFile.openpgp
      ? { status: 'available', source: 'registry', ...onFile.openpgp, checkedAt }
      : internal
        ? { status: 'none', checkedAt }
        : (wkd.get(address) ?? { status: 'unknown', checkedAt });
    const smime: KeyCapability = onFile.smime ? { status: 'available', source: 'registry', ...onFile.smime, checkedAt } : { status: 'none', checkedAt };
    const transport: TransportCapability = internal ? notProbed(checkedAt) : transports.get(domain)!;

    const warnings: LookupWarning[] = [];
    const lookalike = internal ? undefined : lookalikeOf(domain, references, trusted);
    if (lookalike) warnings.push({ code: 'lookalike_domain', of: lookalike.of, how: lookalike.kind });
    const firstTime = classification === 'external' && (history.get(address) ?? 0) === 0;
    if (firstTime) warnings.push({ code: 'first_time_recipient' });
    if (displayNameMismatch(input.name, address)) warnings.push({ code: 'display_name_mismatch' });
    const posingAs = freeMailPosingAs(address, input.name, organisations, freeMail);
    if (posingAs) warnings.push({ code: 'free_mail_organisation_name', of: posingAs });
    if (consent.state === 'revoked') warnings.push({ code: 'consent_revoked' });

    const recipient: Recipient = {
      address,
      ...(input.name === undefined ? {} : { name: input.name }),
      type: input.type ?? 'to',
      tls: transport.level,
      ...(openpgp.status === 'unknown' ? {} : { pgp: openpgp.status === 'available' }),
      smime: smime.status === 'available',
      ...(consent.state === 'none' ? {} : { consent: consent.state === 'revoked' ? 'revoked' : true, allowUnencrypted: consent.allowUnencrypted }),
      ...(firstTime ? { firstTime } : {}),
      ...(lookalike ? { lookalikeOf: lookalike.of } : {}),
      warnings: warnings.filter((w) => w.code === 'display_name_mismatch' || w.code === 'free_mail_organisation_name').map((w) => w.code),
      lookup: 'ok',
    };
    const recommended = recommendProtection(recipient, policy);
    return {
      address,
      classification,
      patient: consent.state !== 'none',
      capabilities: { openpgp, smime, transport },
      consent,
      warnings,
      recipient,
      recommendation: { action: recommended.action, needsProtection: recommended.needsProtection, method: recommended.method },
    };
  });
  return { recipients, deadlineMs: options.deadlineMs };
}

/** The organisation's own domains are not probed: its policy governs internal mail, not their transport. */
function notProbed(checkedAt: string): TransportCapability {
  return { level: 'unknown', mx: [], starttls: 'unknown', mtaSts: 'unknown', dane: 'unknown', checkedAt };
}
