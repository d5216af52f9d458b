import { describe, expect, it } from '@jest/globals';
import { justificationAccepted, mayOverride } from './overrides.js';
import { PolicySchema } from './schema.js';

describe('mayOverride', () => {
  it('by default anyone may override what the policy lets be overridden', () => {
    expect(mayOverride(PolicySchema.parse({}), { address: 'anyone@clinic.example' })).toBe(true);
  });

  it('a listed policy admits only the listed addresses and groups', () => {
    const policy = PolicySchema.parse({ overrides: { by: 'listed', addresses: ['Privacy@Clinic.Example'], groups: ['Compliance'] } });
    expect(mayOverride(policy, { address: 'privacy@clinic.example' })).toBe(true);
    expect(mayOverride(policy, { address: 'nurse@clinic.example', groups: ['compliance'] })).toBe(true);
    expect(mayOverride(policy, { address: 'nurse@clinic.example', groups: ['nursing'] })).toBe(false);
  });
});

describe('justificationAccepted', () => {
  const policy = PolicySchema.parse({});

  it('needs a written reason of at least the minimum length; padding does not count', () => {
    expect(justificationAccepted(policy, 'Patient asked for plain email')).toBe(true);
    expect(justificationAccepted(policy, 'ok')).toBe(false);
    expect(justificationAccepted(policy, '   ok          ')).toBe(false);
  });

  it('is always accepted when the policy does not ask for one', () => {
    expect(justificationAccepted(PolicySchema.parse({ overrides: { justification: false } }), '')).toBe(true);
  });
});
