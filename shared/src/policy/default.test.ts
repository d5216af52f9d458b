import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from './default.js';
import { PolicySchema } from './schema.js';

describe('DEFAULT_POLICY', () => {
  it('is the empty policy with every default filled in', () => {
    expect(DEFAULT_POLICY).toEqual(PolicySchema.parse({}));
    expect(DEFAULT_POLICY.failMode).toBe('closed');
  });
});
