import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from '../policy/default.js';
import { POLICY_FRESH_MS, readKeptPolicy } from './policy-cache.js';

const NOW = new Date('2026-11-26T09:00:00Z');

describe('kept policy', () => {
  it('is fresh within the hour, stale after, and absent when it no longer parses', () => {
    expect(readKeptPolicy({ fetchedAt: NOW.getTime() - 1000, policy: DEFAULT_POLICY }, NOW)).toEqual({ policy: DEFAULT_POLICY, fresh: true });
    expect(readKeptPolicy({ fetchedAt: NOW.getTime() - POLICY_FRESH_MS, policy: DEFAULT_POLICY }, NOW)?.fresh).toBe(false);
    expect(readKeptPolicy({ policy: DEFAULT_POLICY }, NOW)?.fresh).toBe(false);
    expect(readKeptPolicy({ fetchedAt: NOW.getTime(), policy: { failMode: 'sideways' } }, NOW)).toBeUndefined();
    expect(readKeptPolicy(undefined, NOW)).toBeUndefined();
  });
});
