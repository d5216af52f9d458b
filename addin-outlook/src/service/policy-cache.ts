import { DEFAULT_POLICY, readKeptPolicy, type KeptPolicy, type Policy } from '@phiguard/core';
import type { SettingsStore } from '../audit/outbox.js';
import type { ServiceClient } from './client.js';

export const POLICY_SETTING = 'phiguardPolicy';

/**
 * The organisation's policy: fresh from the service when the copy kept in settings is old, else
 * that copy; the built-in default (closed fail mode) only when neither exists. Never throws.
 */
export async function currentPolicy(client: Pick<ServiceClient, 'policy'>, settings: SettingsStore, now: Date, timeoutMs: number): Promise<Policy> {
  const kept = readKeptPolicy(settings.get(POLICY_SETTING), now);
  if (kept?.fresh) return kept.policy;
  try {
    const policy = await client.policy(timeoutMs);
    settings.set(POLICY_SETTING, { fetchedAt: now.getTime(), policy } satisfies KeptPolicy);
    await settings.save().catch(() => undefined);
    return policy;
  } catch {
    return kept?.policy ?? DEFAULT_POLICY;
  }
}
