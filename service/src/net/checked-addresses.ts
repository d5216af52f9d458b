import type { DnsClient } from './dns.js';
import { NetError } from './errors.js';
import type { AddressGuard } from './guard.js';

/**
 * Resolves `host` with our DNS client and keeps the addresses the guard allows. Callers connect
 * to these addresses themselves, so nothing can swap in another address after the check (rebinding).
 */
export async function resolveCheckedAddresses(host: string, dns: DnsClient, guard: AddressGuard, signal: AbortSignal): Promise<string[]> {
  const answer = await dns.addresses(host, signal);
  if (answer.records.length === 0) throw new NetError('no_address', `${host} has no address`);
  const allowed = answer.records.filter((ip) => {
    try {
      guard.check(ip);
      return true;
    } catch {
      return false;
    }
  });
  if (allowed.length === 0) throw new NetError('forbidden_address', `${host} resolves only to addresses we do not connect to`);
  return allowed;
}

/** Runs `attempt` on each address until one connects; only `connect_failed` moves on to the next. */
export async function firstReachable<T>(addresses: readonly string[], attempt: (ip: string) => Promise<T>): Promise<T> {
  let lastError: unknown = new NetError('connect_failed', 'No address to connect to');
  for (const ip of addresses) {
    try {
      return await attempt(ip);
    } catch (error) {
      if (!(error instanceof NetError) || error.code !== 'connect_failed') throw error;
      lastError = error;
    }
  }
  throw lastError;
}
