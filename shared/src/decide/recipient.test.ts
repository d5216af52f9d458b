import { describe, expect, it } from '@jest/globals';
import { RecipientSchema } from './recipient.js';

describe('RecipientSchema', () => {
  it('a bare address is a To recipient whose capabilities are unknown', () => {
    expect(RecipientSchema.parse({ address: ' Dr.Lee@Elsewhere.Example ' })).toEqual({
      address: 'dr.lee@elsewhere.example', type: 'to', tls: 'unknown', warnings: [], lookup: 'ok',
    });
  });

  it('carries lookup hints', () => {
    const r = RecipientSchema.parse({ address: 'a@b.example', tls: 'enforced', pgp: true, consent: 'revoked', firstTime: true, lookalikeOf: 'c.example' });
    expect(r).toMatchObject({ tls: 'enforced', pgp: true, consent: 'revoked', firstTime: true, lookalikeOf: 'c.example' });
  });

  it.each([
    ['no @', { address: 'nobody' }],
    ['spaces inside', { address: 'a b@c.example' }],
    ['an unknown TLS state', { address: 'a@b.example', tls: 'maybe' }],
    ['a warning that is not a code', { address: 'a@b.example', warnings: ['Free text here'] }],
  ])('rejects %s', (_label, input) => {
    expect(RecipientSchema.safeParse(input).success).toBe(false);
  });
});
