import { describe, expect, it } from '@jest/globals';
import { PolicySchema } from '../policy/schema.js';
import { canReceive, canRecommend, tlsEnforced } from './capabilities.js';
import { RecipientSchema } from './recipient.js';

const policy = PolicySchema.parse({ protection: { tlsDomains: ['partner.example'] } });
const r = (hints: object) => RecipientSchema.parse({ address: 'a@b.example', ...hints });

describe('capabilities', () => {
  it('only a confirmed key or certificate is recommended; portal and gateway reach anyone', () => {
    expect(canRecommend(r({}), 'pgp', policy)).toBe(false);
    expect(canRecommend(r({ pgp: true }), 'pgp', policy)).toBe(true);
    expect(canRecommend(r({}), 'smime', policy)).toBe(false);
    expect(canRecommend(r({}), 'portal', policy)).toBe(true);
    expect(canRecommend(r({}), 'gateway', policy)).toBe(true);
  });

  it('an applied method counts unless the recipient is known to be unable to read it', () => {
    expect(canReceive(r({}), 'pgp')).toBe(true);
    expect(canReceive(r({ pgp: false }), 'pgp')).toBe(false);
    expect(canReceive(r({ smime: false }), 'smime')).toBe(false);
    expect(canReceive(r({ pgp: false, smime: false }), 'portal')).toBe(true);
  });

  it('TLS is enforced when the lookup says so or the admin listed the domain', () => {
    expect(tlsEnforced(r({ tls: 'enforced' }), policy)).toBe(true);
    expect(tlsEnforced(r({ tls: 'opportunistic' }), policy)).toBe(false);
    expect(tlsEnforced(RecipientSchema.parse({ address: 'x@mail.partner.example' }), policy)).toBe(true);
  });
});
