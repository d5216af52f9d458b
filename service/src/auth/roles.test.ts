import { describe, expect, it } from '@jest/globals';
import { createRoleMap, mergeRoles, rolesFromClaim } from './roles.js';

describe('roles from the configured lists (Google and dev tokens)', () => {
  const roles = createRoleMap({ admin: ['alice@clinic.example.org', 'group:phi-admins'], auditor: ['alice@clinic.example.org', 'ron@clinic.example.org'] });

  it.each([
    ['nobody listed is a user', { email: 'carol@clinic.example.org' }, ['user']],
    ['no email at all is a user', {}, ['user']],
    ['an email on two lists gets both roles', { email: 'alice@clinic.example.org' }, ['user', 'admin', 'auditor']],
    ['emails match case-insensitively', { email: 'Ron@Clinic.Example.org' }, ['user', 'auditor']],
    ['a listed group counts', { email: 'x@clinic.example.org', groups: ['phi-admins'] }, ['user', 'admin']],
    ['a group named like an email does not', { groups: ['alice@clinic.example.org'] }, ['user']],
  ])('%s', (_title, claims, expected) => {
    expect(roles(claims)).toEqual(expected);
  });
});

describe('roles from a `roles` claim (Microsoft app roles)', () => {
  it.each([
    ['no claim: user', undefined, ['user']],
    ['app role values, any case', ['Admin', 'AUDITOR'], ['user', 'admin', 'auditor']],
    ['unknown values are ignored', ['PhiGuard.Owner', 'superuser', 42], ['user']],
    ['a string instead of an array is ignored', 'admin', ['user']],
  ])('%s', (_title, claim, expected) => {
    expect(rolesFromClaim(claim)).toEqual(expected);
  });

  it('merging keeps each role once, in a fixed order', () => {
    expect(mergeRoles(['auditor', 'user'], ['admin', 'user'])).toEqual(['user', 'admin', 'auditor']);
  });
});
