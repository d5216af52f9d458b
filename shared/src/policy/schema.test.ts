import { describe, expect, it } from '@jest/globals';
import { PolicySchema } from './schema.js';

describe('policy schema', () => {
  it('an empty policy is complete and safe: closed fail mode, PHI outside must be encrypted, subjects blocked', () => {
    const p = PolicySchema.parse({});
    expect(p.failMode).toBe('closed');
    expect(p.rules).toMatchObject({ phi_internal: 'allow', phi_external: 'encrypt', phi_partner: 'encrypt', phi_in_subject: 'block' });
    expect(p.protection.accepted).toEqual(['smime', 'pgp', 'portal']);
    expect(p.overrides).toMatchObject({ by: 'anyone', justification: true });
    expect(p.overrides.allowed).not.toContain('phi_external');
  });

  it('a partial section keeps the defaults of the fields it leaves out', () => {
    const p = PolicySchema.parse({ rules: { phi_external: 'block' } });
    expect(p.rules.phi_external).toBe('block');
    expect(p.rules.phi_in_subject).toBe('block');
  });

  it('domains are normalised: case, spaces and a leading @ do not matter', () => {
    const p = PolicySchema.parse({ organisation: { domains: [' @Clinic.Example.ORG '] } });
    expect(p.organisation.domains).toEqual(['clinic.example.org']);
  });

  it.each([
    ['a subject rule cannot ask for encryption (subjects travel in clear)', { rules: { phi_in_subject: 'encrypt' } }],
    ['a recipient check cannot ask for encryption', { rules: { lookalike_domain: 'encrypt' } }],
    ['an unknown action', { rules: { phi_external: 'quarantine' } }],
    ['an unknown protection method', { protection: { accepted: ['fax'] } }],
    ['no accepted method at all', { protection: { accepted: [] } }],
    ['a domain that is not one', { organisation: { domains: ['not a domain'] } }],
    ['an unknown fail mode', { failMode: 'maybe' }],
    ['a future policy version', { version: 2 }],
  ])('rejects %s', (_label, input) => {
    expect(PolicySchema.safeParse(input).success).toBe(false);
  });
});
