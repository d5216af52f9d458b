import { PolicySchema, type Policy } from '../policy/schema.js';

/** A policy fetched within this long is used without asking the service again. */
export const POLICY_FRESH_MS = 60 * 60 * 1000;

/** The policy as a host keeps it between checks, with when it was fetched. */
export interface KeptPolicy {
  readonly fetchedAt: number;
  readonly policy: Policy;
}

/**
 * The policy a host kept, if it still parses, and whether it is fresh enough to use without asking
 * the service. A stale copy is still the fallback when the service cannot be reached.
 */
export function readKeptPolicy(value: unknown, now: Date): { policy: Policy; fresh: boolean } | undefined {
  const kept = value as Partial<KeptPolicy> | undefined;
  const parsed = PolicySchema.safeParse(kept?.policy);
  if (!parsed.success) return undefined;
  const fresh = typeof kept?.fetchedAt === 'number' && now.getTime() - kept.fetchedAt < POLICY_FRESH_MS;
  return { policy: parsed.data, fresh };
}
