import { describe, expect, it } from '@jest/globals';
import { AppliedProtectionSchema, ProtectionMethodSchema } from './protection.js';

describe('protection methods', () => {
  it('TLS is accepted by policy but never applied by hand', () => {
    expect(ProtectionMethodSchema.options).toContain('tls');
    expect(AppliedProtectionSchema.safeParse('tls').success).toBe(false);
    expect(AppliedProtectionSchema.parse('none')).toBe('none');
  });
});
