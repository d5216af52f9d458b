import type { AppliedProtection, Policy } from '@phiguard/core';

/** What a host can tell about the message's own markings. */
export interface Markings {
  internetHeader(name: string): Promise<string | undefined>;
  hasLabel(name: string): Promise<boolean>;
}

/**
 * The policy's gateway header or sensitivity label on this message (set by the task pane's fix or by
 * hand) counts as gateway protection; both the task pane and the on-send check read it this way.
 */
export async function appliedProtection(markings: Markings, policy: Policy): Promise<AppliedProtection> {
  const { header, label } = policy.protection.gateway ?? {};
  if (!policy.protection.accepted.includes('gateway')) return 'none';
  if (header && (await markings.internetHeader(header.name)) === header.value) return 'gateway';
  return label && (await markings.hasLabel(label)) ? 'gateway' : 'none';
}
