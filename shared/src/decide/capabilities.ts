import { inDomains, domainOf } from '../policy/classify.js';
import type { ApplicableMethod, ProtectionMethod } from '../policy/protection.js';
import type { Policy } from '../policy/schema.js';
import type { Recipient } from './recipient.js';

export function tlsEnforced(r: Recipient, policy: Policy): boolean {
  return r.tls === 'enforced' || inDomains(domainOf(r.address), policy.protection.tlsDomains);
}

/** Known to work: only what the lookup confirmed is recommended (portal and gateway work for anyone). */
export function canRecommend(r: Recipient, m: ProtectionMethod, policy: Policy): boolean {
  switch (m) {
    case 'portal':
    case 'gateway':
      return true;
    case 'pgp':
      return r.pgp === true;
    case 'smime':
      return r.smime === true;
    case 'tls':
      return tlsEnforced(r, policy);
  }
}

/** Not known to fail: a method the sender applied counts unless the lookup says the recipient lacks a key. */
export function canReceive(r: Recipient, m: ApplicableMethod): boolean {
  if (m === 'pgp') return r.pgp !== false;
  if (m === 'smime') return r.smime !== false;
  return true;
}
