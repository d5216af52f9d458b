import { describe, expect, it } from '@jest/globals';
import { ENTRY_POINTS } from '../../addin-gmail/src/names.js';
import { appsScriptManifest, GMAIL_SCOPES } from './apps-script.js';
import { parseAddinConfig } from './config.js';

function config(overrides: Record<string, string> = {}) {
  const result = parseAddinConfig({
    id: 'c623fba6-e8aa-4233-a956-2cbef3198fe4',
    version: '1.2.3',
    name: 'PHI Guard',
    shortName: 'PHI Guard',
    description: 'Checks email for protected health information before it is sent.',
    providerName: 'City Clinic IT',
    serviceUrl: 'https://phiguard.cityclinic.example',
    ...overrides,
  });
  if (!result.ok) throw new Error('bad test config');
  return result.config;
}

describe('appsscript.json for the Gmail add-on', () => {
  it('may fetch only the PHI Guard service, the same URL the Outlook manifests use', () => {
    expect(appsScriptManifest(config()).urlFetchWhitelist).toEqual(['https://phiguard.cityclinic.example/']);
    expect(appsScriptManifest(config({ serviceUrl: 'https://localhost:3000' })).urlFetchWhitelist).toEqual(['https://localhost:3000/']);
  });

  it('runs the compose check with recipients only from the trigger, and names the bundle’s entry points', () => {
    const addOns = appsScriptManifest(config()).addOns as { gmail: { composeTrigger: unknown }; common: { homepageTrigger: unknown; logoUrl: string } };
    expect(addOns.gmail.composeTrigger).toEqual({ selectActions: [{ text: 'Check with PHI Guard', runFunction: ENTRY_POINTS.compose }], draftAccess: 'METADATA' });
    expect(addOns.common.homepageTrigger).toEqual({ runFunction: ENTRY_POINTS.homepage, enabled: true });
    expect(addOns.common.logoUrl).toMatch(/^https:\/\/phiguard\.cityclinic\.example\/.+\.png$/);
  });

  it('asks for the listed scopes only, with the Gmail API as an advanced service', () => {
    const manifest = appsScriptManifest(config());
    expect(manifest.oauthScopes).toEqual(Object.keys(GMAIL_SCOPES));
    expect(manifest.oauthScopes).not.toContain('https://mail.google.com/');
    expect(manifest.dependencies).toEqual({ enabledAdvancedServices: [{ userSymbol: 'Gmail', serviceId: 'gmail', version: 'v1' }] });
    expect(manifest.runtimeVersion).toBe('V8');
  });
});
