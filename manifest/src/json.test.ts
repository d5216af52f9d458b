import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { outlookJsonManifest, type UnifiedManifest } from './json.js';
import { testConfig } from './testing.js';
import { validateUnifiedManifest } from './validate-json.js';

// Validation must work offline: any download attempt fails the test.
const realFetch = globalThis.fetch;
const fetchCalls: string[] = [];
beforeAll(() => {
  globalThis.fetch = (async (input: string | URL | Request) => {
    fetchCalls.push(String(input));
    throw new Error('network is off in tests');
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
  expect(fetchCalls).toEqual([]);
});

function extension(manifest: UnifiedManifest) {
  return manifest.extensions![0]!;
}

describe('unified (JSON) manifest', () => {
  it('passes the schema bundled with @microsoft/app-manifest, without the network', async () => {
    const manifest = outlookJsonManifest(testConfig());
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(await validateUnifiedManifest(manifest)).toEqual([]);
  });

  it('is rejected by the same validation when the send mode is misspelt', async () => {
    const manifest = structuredClone(outlookJsonManifest(testConfig()));
    Object.assign(extension(manifest).autoRunEvents![0]!.events[0]!.options!, { sendMode: 'SoftBlock' });
    expect(await validateUnifiedManifest(manifest)).toEqual([expect.stringContaining('/options/sendMode')]);
  });

  it.each([
    ['SoftBlock', 'softBlock'],
    ['Block', 'block'],
    ['PromptUser', 'promptUser'],
  ] as const)('runs onMessageSendHandler on messageSending with %s as sendMode %s', async (sendMode, jsonMode) => {
    const manifest = outlookJsonManifest(testConfig({ sendMode }));
    expect(extension(manifest).autoRunEvents).toEqual([
      {
        requirements: { capabilities: [{ name: 'Mailbox', minVersion: '1.12' }] },
        events: [{ type: 'messageSending', actionId: 'onMessageSendHandler', options: { sendMode: jsonMode } }],
      },
    ]);
    expect(await validateUnifiedManifest(manifest)).toEqual([]);
  });

  it('has a short-lived event runtime with the page for web/new/Mac Outlook and the script for classic Windows', () => {
    const runtime = extension(outlookJsonManifest(testConfig())).runtimes!.find((r) =>
      r.actions?.some((action) => action.id === 'onMessageSendHandler'),
    );
    expect(runtime).toMatchObject({
      code: {
        page: 'https://phiguard.cityclinic.example/addin/outlook/launchevent.html',
        script: 'https://phiguard.cityclinic.example/addin/outlook/onsend.js',
      },
      lifetime: 'short',
      actions: [{ id: 'onMessageSendHandler', type: 'executeFunction' }],
    });
  });

  it('has a compose button PhiGuardTaskPane whose action opens taskpane.html', () => {
    const ext = extension(outlookJsonManifest(testConfig()));
    const ribbon = ext.ribbons![0]!;
    expect(ribbon.contexts).toEqual(['mailCompose']);
    const control = ribbon.tabs[0]!.groups![0]!.controls![0]!;
    expect(control).toMatchObject({ id: 'PhiGuardTaskPane', type: 'button' });
    const page = ext.runtimes!.find((r) => r.actions?.some((action) => action.id === control.actionId));
    expect(page?.code.page).toBe('https://phiguard.cityclinic.example/addin/outlook/taskpane.html');
    expect(page?.actions?.find((action) => action.id === control.actionId)?.type).toBe('openPage');
  });

  it('needs Mailbox 1.12, item read/write permission, and trusts only the service origin', () => {
    const manifest = outlookJsonManifest(testConfig({ serviceUrl: 'https://tools.cityclinic.example/phiguard' }));
    expect(extension(manifest).requirements).toEqual({
      capabilities: [{ name: 'Mailbox', minVersion: '1.12' }],
      scopes: ['mail'],
    });
    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual([{ name: 'MailboxItem.ReadWrite.User', type: 'Delegated' }]);
    expect(manifest.validDomains).toEqual(['https://tools.cityclinic.example']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('keeps names with &, < and quotes as they are and still validates', async () => {
    const config = testConfig({ name: `Smith & Jones <"Clinic"> PHI Guard`, providerName: `S&J's <Clinic>` });
    const manifest = outlookJsonManifest(config);
    expect(manifest.name).toEqual({ short: config.shortName, full: config.name });
    expect(manifest.developer.name).toBe(config.providerName);
    expect(await validateUnifiedManifest(manifest)).toEqual([]);
  });

  it('uses the support URL for the developer pages unless privacy and terms pages are given', () => {
    const support = outlookJsonManifest(testConfig({ supportUrl: 'https://help.cityclinic.example' }));
    expect(support.developer).toMatchObject({
      websiteUrl: 'https://help.cityclinic.example',
      privacyUrl: 'https://help.cityclinic.example',
      termsOfUseUrl: 'https://help.cityclinic.example',
    });
    const pages = outlookJsonManifest(
      testConfig({ privacyUrl: 'https://cityclinic.example/privacy', termsOfUseUrl: 'https://cityclinic.example/terms' }),
    );
    expect(pages.developer).toMatchObject({
      websiteUrl: 'https://phiguard.cityclinic.example',
      privacyUrl: 'https://cityclinic.example/privacy',
      termsOfUseUrl: 'https://cityclinic.example/terms',
    });
  });

  it("carries the add-in's Entra app for Office SSO when configured, and still validates", async () => {
    const clientId = '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c';
    const manifest = outlookJsonManifest(testConfig({ microsoft: { clientId } }));
    expect(manifest.webApplicationInfo).toEqual({ id: clientId, resource: `api://phiguard.cityclinic.example/${clientId}` });
    expect(await validateUnifiedManifest(manifest)).toEqual([]);
    expect(outlookJsonManifest(testConfig())).not.toHaveProperty('webApplicationInfo');
  });

  it('the bundled schema refuses an app id that is not a GUID', async () => {
    const manifest = { ...outlookJsonManifest(testConfig()), webApplicationInfo: { id: 'phiguard', resource: 'api://phiguard.cityclinic.example/phiguard' } };
    expect(await validateUnifiedManifest(manifest)).toEqual([expect.stringContaining('/webApplicationInfo/id')]);
  });
});
