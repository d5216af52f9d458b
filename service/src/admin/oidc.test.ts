import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTHER_TENANT, TEST_DOMAIN, TEST_TENANT } from '../auth/testing.js';
import { configFrom, loadConfig, type ConfigInput } from '../config.js';
import { adminOidcFromConfig, createAdminOidc } from './oidc.js';

const MS_AUTH = { audiences: ['api://phiguard'], tenants: [TEST_TENANT] };
const CLIENT = { clientId: 'console-client', clientSecret: 'console-secret' };

function refusal(input: ConfigInput): Array<{ path: string; message: string }> {
  try {
    configFrom(input);
  } catch (error) {
    return (error as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
  throw new Error('expected the configuration to be refused');
}

describe('console sign-in settings from the configuration', () => {
  it('offers no provider without settings', () => {
    expect(adminOidcFromConfig(configFrom({ auth: { microsoft: MS_AUTH } }))).toEqual({});
    expect(createAdminOidc(adminOidcFromConfig(configFrom({}))).providers).toEqual([]);
  });

  it("Microsoft: the issuer is the one allowed tenant's v2.0 issuer, and the add-ins' tenant allow-list applies", () => {
    const { microsoft } = adminOidcFromConfig(configFrom({ auth: { microsoft: MS_AUTH }, admin: { oidc: { microsoft: CLIENT } } }));
    expect(microsoft).toMatchObject({ issuer: `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`, clientId: 'console-client', tenants: [TEST_TENANT] });
  });

  it('Microsoft: an explicit tenant issuer is enough on its own, and only its tenant may sign in', () => {
    const issuer = `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`;
    const { microsoft } = adminOidcFromConfig(configFrom({ admin: { oidc: { microsoft: { ...CLIENT, issuer } } } }));
    expect(microsoft).toMatchObject({ issuer, tenants: [TEST_TENANT] });
  });

  it.each([
    ['several allowed tenants and no issuer', { auth: { microsoft: { ...MS_AUTH, tenants: [TEST_TENANT, OTHER_TENANT] } }, admin: { oidc: { microsoft: CLIENT } } }],
    ['no tenant anywhere', { admin: { oidc: { microsoft: CLIENT } } }],
    ['a multi-tenant issuer without an allow-list', { admin: { oidc: { microsoft: { ...CLIENT, issuer: 'https://login.microsoftonline.com/organizations/v2.0' } } } }],
  ])('Microsoft: refuses %s', (_what, input) => {
    expect(refusal(input as ConfigInput)).toEqual([{ path: 'admin.oidc.microsoft.issuer', message: expect.stringContaining('<tenant id>') }]);
  });

  it('Google: the issuer defaults to accounts.google.com, roles come from the lists and hd from the add-on settings', () => {
    const config = configFrom({
      auth: { google: { clientIds: ['addon'], hostedDomains: [TEST_DOMAIN] }, roles: { admin: [`Boss@${TEST_DOMAIN}`] } },
      admin: { oidc: { google: CLIENT } },
    });
    const { google } = adminOidcFromConfig(config);
    expect(google).toMatchObject({ issuer: 'https://accounts.google.com', clientId: 'console-client', hostedDomains: [TEST_DOMAIN] });
    expect(google!.roles({ email: `boss@${TEST_DOMAIN}` })).toEqual(['user', 'admin']);
    expect(adminOidcFromConfig(configFrom({ admin: { oidc: { google: CLIENT } } })).google!.hostedDomains).toBeUndefined();
  });

  it.each([
    ['both', { ...CLIENT, clientSecretFile: '/run/secrets/console' }],
    ['neither', { clientId: 'console-client' }],
  ])('takes exactly one of clientSecret and clientSecretFile (%s refused)', (_what, google) => {
    expect(refusal({ admin: { oidc: { google } } })).toEqual([{ path: 'admin.oidc.google.clientSecret', message: expect.any(String) }]);
  });

  it('refuses an http issuer: only tests reach a local provider, through allowInsecureRequests', () => {
    expect(refusal({ admin: { oidc: { google: { ...CLIENT, issuer: 'http://127.0.0.1:8080' } } } })).toEqual([
      { path: 'admin.oidc.google.issuer', message: 'Expected an https URL' },
    ]);
  });

  it('reads a client secret file when the provider is first used, without its line break', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'phi-guard-oidc-')), 'secret');
    await writeFile(file, 'from-a-file\n');
    const { google } = adminOidcFromConfig(configFrom({ admin: { oidc: { google: { clientId: 'c', clientSecretFile: file } } } }));
    await expect(google!.clientSecret()).resolves.toBe('from-a-file');
  });

  it('takes the client ids and secrets from the environment', async () => {
    const result = await loadConfig({
      cwd: '/srv/phi-guard',
      env: {
        PHIGUARD_MS_AUDIENCES: 'api://phiguard',
        PHIGUARD_MS_TENANTS: TEST_TENANT,
        PHIGUARD_ADMIN_MS_CLIENT_ID: 'ms-console',
        PHIGUARD_ADMIN_MS_CLIENT_SECRET: 'ms-secret',
        PHIGUARD_ADMIN_GOOGLE_CLIENT_ID: 'google-console',
        PHIGUARD_ADMIN_GOOGLE_CLIENT_SECRET_FILE: '/run/secrets/google',
      },
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.admin.oidc).toEqual({
      microsoft: { clientId: 'ms-console', clientSecret: 'ms-secret' },
      google: { issuer: 'https://accounts.google.com', clientId: 'google-console', clientSecretFile: '/run/secrets/google' },
    });
  });

  it('names the setting of a bad value, never the value (a secret)', async () => {
    const result = await loadConfig({ cwd: '/srv', env: { PHIGUARD_ADMIN_GOOGLE_CLIENT_SECRET: 'hunter2-secret' } });
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^admin\.oidc\.google\.clientId/)] });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
