import { DEFAULT_POLICY, type Policy } from '@phiguard/core';
import type { CurrentPolicy, PolicyStore } from './policy-store.js';

/**
 * How often a replica looks for a version saved elsewhere. A save applies at once on the replica
 * that stored it; the others apply it within this long.
 */
export const DEFAULT_POLICY_REFRESH_MS = 5_000;

/** Where the policy in force comes from: an admin's stored version, PHIGUARD_POLICY_FILE, or the built-in default. */
export type PolicyOrigin = 'store' | 'file' | 'default';

/** The policy the service started with; it applies until a version is stored. */
export interface PolicySeed {
  readonly source: Exclude<PolicyOrigin, 'store'>;
  readonly policy: Policy;
}

export type EffectivePolicy =
  | (CurrentPolicy & { readonly source: 'store' })
  /** Version 0: not from the store. */
  | { readonly source: PolicySeed['source']; readonly version: 0; readonly policy: Policy };

/**
 * The one place the service takes its policy from (GET /v1/policy, recipient lookups, the portal):
 * the newest stored version, else the seed. `current()` never waits on the database, so callers
 * stay synchronous; it answers from memory, refreshed by `refresh()` and, once started, every
 * `refreshMs`.
 */
export interface PolicySource {
  /** The versions admins edit; after a save or revert, pass the result to `accept`. */
  readonly policies: PolicyStore;
  current(): EffectivePolicy;
  /** Reads the newest stored version (one small query when nothing changed) and applies it. */
  refresh(): Promise<EffectivePolicy>;
  /** Applies a version this replica just saved, without waiting for the next refresh. */
  accept(saved: CurrentPolicy): void;
  /** Refreshes every refreshMs until stop(); failures go to onError and the last policy stays in force. */
  start(): void;
  stop(): void;
}

export interface PolicySourceOptions {
  readonly policies: PolicyStore;
  readonly seed: PolicySeed;
  readonly refreshMs?: number;
  /** A scheduled refresh failed (the database, or PolicyStoreError `stored_policy_invalid`). */
  readonly onError?: (error: unknown) => void;
}

/** The seed for the policy the service was started with: absent or DEFAULT_POLICY itself means the built-in default. */
export function policySeed(policy: Policy | undefined): PolicySeed {
  return policy === undefined || policy === DEFAULT_POLICY ? { source: 'default', policy: DEFAULT_POLICY } : { source: 'file', policy };
}

export function createPolicySource(options: PolicySourceOptions): PolicySource {
  const { policies } = options;
  const seed: EffectivePolicy = { source: options.seed.source, version: 0, policy: options.seed.policy };
  const refreshMs = options.refreshMs ?? DEFAULT_POLICY_REFRESH_MS;
  const onError = options.onError ?? (() => undefined);
  let effective: EffectivePolicy = seed;
  // Reads can finish out of order: only a read that started after the one in force replaces it.
  let started = 0;
  let applied = 0;
  let timer: NodeJS.Timeout | undefined;
  let scheduled: Promise<unknown> | undefined;

  const apply = (ticket: number, next: EffectivePolicy) => {
    if (ticket > applied) {
      applied = ticket;
      effective = next;
    }
    return effective;
  };

  async function refresh(): Promise<EffectivePolicy> {
    const ticket = ++started;
    const latest = await policies.latestVersion();
    if (latest === effective.version) return apply(ticket, effective);
    const current = await policies.current();
    return apply(ticket, current === undefined ? seed : { ...current, source: 'store' });
  }

  return {
    policies,
    current: () => effective,
    refresh,
    accept: (saved) => void apply(++started, { ...saved, source: 'store' }),
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        // A slow database must not pile up reads.
        scheduled ??= refresh()
          .catch(onError)
          .finally(() => {
            scheduled = undefined;
          });
      }, refreshMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
