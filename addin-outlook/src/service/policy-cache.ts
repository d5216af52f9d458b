import { DEFAULT_POLICY, PolicySchema, type Policy } from '@phiguard/core';
import type { SettingsStore } from '../audit/outbox.js';
import type { ServiceClient } from './client.js';

export const POLICY_SETTING = 'phiguardPolicy';
/** A policy fetched within this long is used without asking again. */
export const POLICY_FRESH_MS = 60 * 60 * 1000;

/**
 * The organisation's policy: fresh from the service when the copy kept in settings is old, else
 * that copy; the built-in default (closed fail mode) only when neither exists. Never throws.
 */
export async function currentPolicy(client: Pick<ServiceClient, 'policy'>, settings: SettingsStore, now: Date, timeoutMs: number): Promise<Policy> {
  const kept = settings.get(POLICY_SETTING) as { fetchedAt?: number; policy?: unknown } | undefined;
  const cached = PolicySchema.safeParse(kept?.policy);
  if (cached.success && typeof kept?.fetchedAt === 'number' && now.getTime() - kept.fetchedAt < POLICY_FRESH_MS) return cached.data;
  try {
    const policy = await client.policy(timeoutMs);
    settings.set(POLICY_SETTING, { fetchedAt: now.getTime(), policy });
    await settings.save().catch(() => undefined);
    return policy;
  } catch {
    return cached.success ? cached.data : DEFAULT_POLICY;
  }
}
