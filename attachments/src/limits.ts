import type { ExtractLimits } from './contract.js';

/** Generous for real mail (most providers cap a message at 25 MB), small enough that a hostile file stops early. */
export const DEFAULT_LIMITS: ExtractLimits = Object.freeze({
  maxBytes: 25 * 1024 * 1024,
  maxPages: 200,
  maxEntries: 100,
  maxDecompressedBytes: 100 * 1024 * 1024,
  maxPixels: 40_000_000,
  timeoutMs: 20_000,
});
