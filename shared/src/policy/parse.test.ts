import { describe, expect, it } from '@jest/globals';
import { formatIssuePath, parsePolicy, parsePolicyJson } from './parse.js';

const issuesOf = (input: unknown) => {
  const r = parsePolicy(input);
  return r.ok ? [] : r.issues;
};

describe('parsePolicy', () => {
  it('returns the effective policy with defaults filled in', () => {
    const r = parsePolicy({ organisation: { name: 'City Clinic' } });
    expect(r.ok && r.policy.organisation.name).toBe('City Clinic');
  });

  it('names the exact field of a bad value', () => {
    expect(issuesOf({ organisation: { domains: ['clinic.example', 'bad domain'] } })).toEqual([
      { path: 'organisation.domains[1]', code: 'invalid_format', message: 'Expected a domain such as example.org.' },
    ]);
  });

  it('names a misspelt field instead of ignoring it', () => {
    expect(issuesOf({ rules: { phi_externel: 'block' } })).toEqual([
      expect.objectContaining({ path: 'rules.phi_externel', code: 'unknown_field' }),
    ]);
  });

  it('lists every problem, not just the first', () => {
    const paths = issuesOf({ failMode: 'maybe', rules: { phi_external: 'quarantine' } }).map((i) => i.path);
    expect(paths.sort()).toEqual(['failMode', 'rules.phi_external']);
  });

  it.each([
    ['the gateway is accepted but not configured', { protection: { accepted: ['gateway'] } }, 'protection.gateway', 'gateway_not_configured'],
    ['a method is listed twice', { protection: { accepted: ['portal', 'pgp', 'portal'] } }, 'protection.accepted[2]', 'duplicate_method'],
    ['a domain is both internal and partner', { organisation: { domains: ['a.example'], partnerDomains: ['A.example'] } }, 'organisation.partnerDomains[0]', 'domain_in_two_lists'],
    ['overrides are limited to a list that is empty', { overrides: { by: 'listed' } }, 'overrides.by', 'no_overriders'],
    ['portal messages would live longer by default than allowed', { portal: { defaultExpiryDays: 120 } }, 'portal.defaultExpiryDays', 'portal_expiry_order'],
  ])('explains cross-field problems: %s', (_label, input, path, code) => {
    expect(issuesOf(input)).toEqual([expect.objectContaining({ path, code })]);
  });

  it('never echoes the offending value back', () => {
    const [issue] = issuesOf({ organisation: { name: 42 } });
    expect(issue).toMatchObject({ path: 'organisation.name', code: 'invalid_type' });
    expect(JSON.stringify(issue)).not.toContain('42');
  });
});

describe('parsePolicyJson', () => {
  it('reports a file that is not JSON without quoting it', () => {
    expect(parsePolicyJson('{"failMode": closed}')).toEqual({
      ok: false,
      issues: [{ path: '', code: 'invalid_json', message: 'The policy file is not valid JSON.' }],
    });
  });

  it('parses a valid file', () => {
    expect(parsePolicyJson('{"failMode":"open"}')).toMatchObject({ ok: true, policy: { failMode: 'open' } });
  });
});

describe('formatIssuePath', () => {
  it.each([
    [[], ''],
    [['rules', 'phi_external'], 'rules.phi_external'],
    [['organisation', 'domains', 3], 'organisation.domains[3]'],
  ])('%j → %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });
});
