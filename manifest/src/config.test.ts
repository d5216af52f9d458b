import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAddinConfig, type ConfigIssue } from './config.js';
import { testConfig } from './testing.js';

function issuesFor(overrides: Record<string, unknown>): ConfigIssue[] {
  const result = parseAddinConfig({ ...testConfig(), ...overrides });
  return result.ok ? [] : result.issues;
}

describe('add-in config', () => {
  it('the committed manifest/addin.json is valid and sends in SoftBlock mode', () => {
    const result = parseAddinConfig(JSON.parse(readFileSync(join(__dirname, '..', 'addin.json'), 'utf8')));
    expect(result).toMatchObject({ ok: true, config: { sendMode: 'SoftBlock' } });
  });

  it('defaults the send mode to SoftBlock', () => {
    const { sendMode: _omitted, ...rest } = testConfig();
    expect(parseAddinConfig(rest)).toMatchObject({ ok: true, config: { sendMode: 'SoftBlock' } });
  });

  it.each(['PromptUser', 'SoftBlock', 'Block'])('accepts the send mode %s', (sendMode) => {
    expect(issuesFor({ sendMode })).toEqual([]);
  });

  it.each([
    ['lower-case spelling (the unified manifest spelling)', 'softBlock'],
    ['an unknown mode', 'HardBlock'],
    ['an empty value', ''],
  ])('refuses a send mode given as %s', (_case, sendMode) => {
    expect(issuesFor({ sendMode })).toEqual([expect.objectContaining({ path: 'sendMode', code: 'invalid_value' })]);
  });

  it.each([
    ['a public https host', 'https://phiguard.cityclinic.example', 'https://phiguard.cityclinic.example'],
    ['a trailing slash, dropped', 'https://phiguard.cityclinic.example/', 'https://phiguard.cityclinic.example'],
    ['a path prefix', 'https://tools.cityclinic.example/phiguard/', 'https://tools.cityclinic.example/phiguard'],
    ['localhost with a port, for sideloading', 'https://localhost:3000', 'https://localhost:3000'],
    ['an upper-case host, lower-cased', 'https://PHIGuard.CityClinic.example', 'https://phiguard.cityclinic.example'],
  ])('accepts a service URL with %s', (_case, serviceUrl, normalised) => {
    expect(parseAddinConfig(testConfig({ serviceUrl }))).toMatchObject({ ok: true, config: { serviceUrl: normalised } });
  });

  it.each([
    ['plain http', 'http://phiguard.cityclinic.example'],
    ['http on localhost', 'http://localhost:3000'],
    ['localhost without a port', 'https://localhost'],
    ['an IP address', 'https://10.0.0.5'],
    ['a single-label host', 'https://phiguard'],
    ['credentials', 'https://admin:secret@phiguard.cityclinic.example'],
    ['a query', 'https://phiguard.cityclinic.example/?tenant=1'],
    ['a fragment', 'https://phiguard.cityclinic.example/#x'],
    ['no scheme', 'phiguard.cityclinic.example'],
  ])('refuses a service URL with %s', (_case, serviceUrl) => {
    expect(issuesFor({ serviceUrl })).toEqual([expect.objectContaining({ path: 'serviceUrl', code: 'invalid_url' })]);
  });

  it.each([
    ['id', 'not-a-guid'],
    ['version', '1.0'],
    ['version', '1.0.0.0'],
    ['shortName', 'A name longer than the thirty characters allowed'],
    ['providerName', ''],
    ['name', 'PHI\u0000Guard'],
    ['description', 'broken \ud800 surrogate'],
    ['supportUrl', 'http://help.cityclinic.example'],
  ])('refuses a bad %s (%j)', (field, value) => {
    expect(issuesFor({ [field]: value })).toEqual([expect.objectContaining({ path: field })]);
  });

  it('names an unknown field in the issue path', () => {
    expect(issuesFor({ sendmode: 'Block' })).toEqual([expect.objectContaining({ path: 'sendmode', code: 'unrecognized_keys' })]);
  });

  describe("the add-in's Entra app (microsoft.clientId)", () => {
    it('is optional, and lower-cased when given', () => {
      const without = parseAddinConfig(testConfig());
      expect(without.ok).toBe(true);
      expect(without.ok && without.config.microsoft).toBeUndefined();
      const result = parseAddinConfig({ ...testConfig(), microsoft: { clientId: '4E1C9A2B-8D7F-4A3E-B6C5-1D2E3F4A5B6C' } });
      expect(result).toMatchObject({ ok: true, config: { microsoft: { clientId: '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c' } } });
    });

    it.each([
      ['not a GUID', { clientId: 'phiguard' }, 'microsoft.clientId'],
      ['missing', {}, 'microsoft.clientId'],
      ['with a resource (derived from the service URL instead)', { clientId: '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c', resource: 'api://x/y' }, 'microsoft.resource'],
    ])('is refused when %s', (_case, microsoft, path) => {
      expect(issuesFor({ microsoft })).toEqual([expect.objectContaining({ path })]);
    });
  });
});
