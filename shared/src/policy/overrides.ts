import type { Policy } from './schema.js';

/** Who is overriding; hosts fill this from the signed-in user. */
export interface Overrider {
  readonly address: string;
  readonly groups?: readonly string[];
}

/** Whether this user may override an overridable decision (decide does not know the user). */
export function mayOverride(policy: Policy, user: Overrider): boolean {
  const o = policy.overrides;
  if (o.by === 'anyone') return true;
  const groups = new Set((user.groups ?? []).map((g) => g.trim().toLowerCase()));
  return o.addresses.includes(user.address.trim().toLowerCase()) || o.groups.some((g) => groups.has(g.toLowerCase()));
}

/** Whether a written justification meets the policy; blank padding does not count. */
export function justificationAccepted(policy: Policy, text: string): boolean {
  return !policy.overrides.justification || text.trim().replace(/\s+/g, ' ').length >= policy.overrides.justificationMinLength;
}
