import type { ExtractLimits } from '../contract.js';
import type { Job } from '../lib/job.js';
import { DEFAULT_LIMITS } from '../limits.js';

/** A job as `extractText` starts one, for testing the internals that take a job. */
export function testJob(limits: Partial<ExtractLimits> = {}): Job {
  const all = { ...DEFAULT_LIMITS, ...limits };
  return { limits: all, ocr: undefined, deadline: Date.now() + all.timeoutMs, decompressedLeft: all.maxDecompressedBytes, over: false, parts: [], uninspectable: [] };
}
