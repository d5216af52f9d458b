import type { ConsentRegistry } from '../consent/registry.js';
import type { Correspondents } from '../correspondents/correspondents.js';
import type { KeyRegistry } from '../keys/registry.js';
import { lookupWkd } from '../keys/wkd.js';
import type { Net } from '../net/net.js';
import type { Queryable } from '../store/store.js';
import type { CapabilityFetchers } from './capability-cache.js';
import { previousSends } from './history.js';
import type { LookupSources, RegistryKeys } from './lookup.js';
import { checkTransport } from './transport/transport.js';

/** A key found is reused for a day, an absent one looked for again after an hour (service.md A). */
export const WKD_FOUND_TTL_SECONDS = 24 * 60 * 60;
export const WKD_NONE_TTL_SECONDS = 60 * 60;

/** The lookup's local facts, from the registries and the audit log in the store. */
export function registrySources(deps: {
  store: Queryable;
  keys: KeyRegistry;
  consents: ConsentRegistry;
  correspondents: Correspondents;
}): LookupSources {
  return {
    registryKeys: async (addresses, now) => {
      const found = await deps.keys.forAddresses(addresses, now);
      return new Map(
        [...found].map(([address, { openpgp: [pgp], smime: [cert] }]): [string, RegistryKeys] => [
          address,
          {
            ...(pgp ? { openpgp: { fingerprint: pgp.fingerprint, ...(pgp.expires ? { expires: pgp.expires } : {}) } } : {}),
            ...(cert ? { smime: { fingerprint: cert.fingerprint, expires: cert.notAfter } } : {}),
          },
        ]),
      );
    },
    consents: (addresses) => deps.consents.statusFor(addresses),
    previousSends: (sender, addresses) => previousSends(deps.store, sender, addresses),
    knownCorrespondents: () => deps.correspondents.knownDomains(),
  };
}

/** The lookup's network facts: Web Key Directory keys and the domain's transport security. */
export function networkFetchers(deps: { net: Net; trustDnssec: boolean; starttlsProbe: boolean; now?: () => Date }): CapabilityFetchers {
  const now = deps.now ?? (() => new Date());
  return {
    wkd: async (address, signal) => {
      const checkedAt = now();
      const result = await lookupWkd(address, { net: deps.net, signal, now: checkedAt });
      if (result.status === 'none' || !result.key.usableForEncryption) {
        return { value: { status: 'none', checkedAt: checkedAt.toISOString() }, ttlSeconds: WKD_NONE_TTL_SECONDS };
      }
      const { fingerprint, expires } = result.key;
      return {
        value: { status: 'available', source: 'wkd', fingerprint, ...(expires ? { expires } : {}), checkedAt: checkedAt.toISOString() },
        ttlSeconds: WKD_FOUND_TTL_SECONDS,
      };
    },
    transport: async (domain, signal) => {
      const { ttlSeconds, ...value } = await checkTransport(domain, { ...deps, signal });
      return { value, ttlSeconds };
    },
  };
}
