import type { OrgProfile } from '../draft.js';
import type { Policy } from './schema.js';

/** The scanner's view of the organisation, so its own domains, numbers and addresses are never flagged. */
export function toOrgProfile(policy: Policy): OrgProfile {
  const org = policy.organisation;
  return {
    ...(org.name ? { name: org.name } : {}),
    domains: [...org.domains],
    phones: [...org.phones, ...org.faxes],
    addresses: [...org.addresses],
  };
}
