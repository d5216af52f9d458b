import { DEFAULT_POLICY, readKeptPolicy, type KeptPolicy, type Policy } from '@phiguard/core';
import type { Host } from './host.js';
import type { GmailServiceClient } from './service-client.js';

export const POLICY_KEY = 'phiguardPolicy';

/**
 * The organisation's policy: the copy kept in user properties while fresh, else the service's,
 * else the stale copy, else the built-in default (closed fail mode). Never throws.
 */
export function currentPolicy(client: Pick<GmailServiceClient, 'policy'>, host: Pick<Host, 'store' | 'now'>): Policy {
  const now = host.now();
  const kept = readKeptPolicy(parseJson(host.store.get(POLICY_KEY)), now);
  if (kept?.fresh) return kept.policy;
  try {
    const policy = client.policy();
    // A property holds 9 KB; a larger policy is simply fetched each time.
    tryStore(host, POLICY_KEY, JSON.stringify({ fetchedAt: now.getTime(), policy } satisfies KeptPolicy));
    return policy;
  } catch {
    return kept?.policy ?? DEFAULT_POLICY;
  }
}

export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether the value was stored: user properties refuse values over 9 KB. */
export function tryStore(host: Pick<Host, 'store'>, key: string, value: string): boolean {
  try {
    host.store.set(key, value);
    return true;
  } catch {
    return false;
  }
}
