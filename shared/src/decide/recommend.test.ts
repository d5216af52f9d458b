import { describe, expect, it } from '@jest/globals';
import { recommendProtection } from './recommend.js';
import { policyOf } from './testing.js';

const policy = policyOf({ protection: { accepted: ['smime', 'pgp', 'tls', 'portal'] } });

describe('recommended protection for one recipient', () => {
  it('colleagues inside the organisation need none', () => {
    expect(recommendProtection({ address: 'nurse@clinic.example' }, policy)).toMatchObject({ needsProtection: false, method: null, action: 'allow' });
  });

  it("outside it, the policy's most preferred method the recipient can receive", () => {
    expect(recommendProtection({ address: 'dr@else.example', pgp: true, smime: true }, policy).method).toBe('smime');
    expect(recommendProtection({ address: 'dr@else.example', pgp: true }, policy).method).toBe('pgp');
    expect(recommendProtection({ address: 'dr@else.example', tls: 'enforced' }, policy)).toMatchObject({ method: 'tls', protectedBy: 'tls', action: 'allow' });
    expect(recommendProtection({ address: 'dr@else.example', tls: 'opportunistic' }, policy)).toMatchObject({ method: 'portal', action: 'encrypt' });
  });

  it('a lookalike recipient is blocked whatever it can receive', () => {
    expect(recommendProtection({ address: 'dr@clinic-example.com', lookalikeOf: 'clinic.example', smime: true }, policy).action).toBe('block');
  });
});
