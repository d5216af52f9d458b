import { LRUCache } from 'lru-cache';
import type { KeyCapability, TransportCapability } from './schema.js';

/** A fetched fact and how long it may be reused. */
export interface Fetched<T> {
  readonly value: T;
  readonly ttlSeconds: number;
}

/** The network lookups behind the cache; each gets its own signal, independent of any one request. */
export interface CapabilityFetchers {
  wkd(address: string, signal: AbortSignal): Promise<Fetched<KeyCapability>>;
  transport(domain: string, signal: AbortSignal): Promise<Fetched<TransportCapability>>;
}

export interface CapabilityCacheOptions {
  readonly fetchers: CapabilityFetchers;
  /** How long one network lookup may run in the background after a request stopped waiting. */
  readonly fetchTimeoutMs?: number;
  /** Entries kept per kind. */
  readonly maxEntries?: number;
  readonly now?: () => Date;
}

export interface CapabilityCache {
  /** The answer, or `unknown` once `deadline` settles; a late answer still fills the cache. */
  wkd(address: string, deadline: Promise<void>): Promise<KeyCapability>;
  transport(domain: string, deadline: Promise<void>): Promise<TransportCapability>;
}

/** A failed lookup is retried after this long, not on every request. */
export const FAILURE_TTL_SECONDS = 60;

/**
 * Per-address WKD answers and per-domain transport answers, each kept for its own TTL (DNS TTLs,
 * MTA-STS max_age, key found/absent). Concurrent requests for the same key share one fetch.
 */
export function createCapabilityCache(options: CapabilityCacheOptions): CapabilityCache {
  const timeoutMs = options.fetchTimeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const max = options.maxEntries ?? 10_000;
  const wkd = cacheOf(options.fetchers.wkd, (checkedAt): KeyCapability => ({ status: 'unknown', checkedAt }));
  const transport = cacheOf(options.fetchers.transport, (checkedAt): TransportCapability => ({
    level: 'unknown',
    mx: [],
    starttls: 'unknown',
    mtaSts: 'unknown',
    dane: 'unknown',
    checkedAt,
  }));
  return { wkd, transport };

  function cacheOf<T extends {}>(fetch: (key: string, signal: AbortSignal) => Promise<Fetched<T>>, unknown: (checkedAt: string) => T) {
    const cache = new LRUCache<string, T>({
      max,
      // Fetches are ours to time out: a request's deadline must not cancel a lookup others share.
      ignoreFetchAbort: true,
      fetchMethod: async (key, _stale, { options: entry }) => {
        try {
          const fetched = await fetch(key, AbortSignal.timeout(timeoutMs));
          entry.ttl = Math.max(1, fetched.ttlSeconds) * 1000;
          return fetched.value;
        } catch {
          entry.ttl = FAILURE_TTL_SECONDS * 1000;
          return unknown(now().toISOString());
        }
      },
    });
    return async (key: string, deadline: Promise<void>): Promise<T> =>
      (await Promise.race([cache.fetch(key), deadline.then(() => undefined)])) ?? unknown(now().toISOString());
  }
}
