import { z } from 'zod';
import type { Policy } from './schema.js';

export const ClassificationSchema = z.enum(['internal', 'partner', 'external']);
export type Classification = z.infer<typeof ClassificationSchema>;

/** The domain part of an address, lower-cased; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
}

/** True when `domain` is one of `domains` or a subdomain of one. */
export function inDomains(domain: string, domains: readonly string[]): boolean {
  return domain !== '' && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Internal and partner come from the policy's domain lists; everything else is external. */
export function classifyAddress(address: string, policy: Policy): Classification {
  const domain = domainOf(address);
  if (inDomains(domain, policy.organisation.domains)) return 'internal';
  if (inDomains(domain, policy.organisation.partnerDomains)) return 'partner';
  return 'external';
}
