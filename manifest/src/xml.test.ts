import { describe, expect, it } from '@jest/globals';
import { testConfig } from './testing.js';
import { outlookXmlManifest } from './xml.js';
import { attr, children, only, parseXmlManifest, resids, text } from './xml-testing.js';

describe('XML (add-in only) manifest', () => {
  it('is a well-formed MailApp manifest that asks for ReadWriteItem', async () => {
    const { root } = await parseXmlManifest(testConfig());
    expect(attr(root, 'xsi:type')).toBe('MailApp');
    expect(text(only(root, 'Id'))).toBe('c623fba6-e8aa-4233-a956-2cbef3198fe4');
    expect(text(only(root, 'Version'))).toBe('1.2.3');
    expect(text(only(root, 'Permissions'))).toBe('ReadWriteItem');
  });

  it('nests VersionOverrides 1.1 inside 1.0 and needs Mailbox 1.12 for OnMessageSend', async () => {
    const { root, v11 } = await parseXmlManifest(testConfig());
    expect(attr(only(root, 'VersionOverrides'), 'xsi:type')).toBe('VersionOverridesV1_0');
    expect(attr(v11, 'xsi:type')).toBe('VersionOverridesV1_1');
    const sets = only(v11, 'Requirements', 'bt:Sets');
    expect(attr(sets, 'DefaultMinVersion')).toBe('1.12');
    expect(attr(only(sets, 'bt:Set'), 'Name')).toBe('Mailbox');
  });

  it('loads launchevent.html as the event runtime and onsend.js as the JavaScript-only override', async () => {
    const { host, launchEvent, resource } = await parseXmlManifest(testConfig());
    const runtime = only(host, 'Runtimes', 'Runtime');
    const override = only(runtime, 'Override');
    expect(resource(attr(runtime, 'resid'))).toBe('https://phiguard.cityclinic.example/addin/outlook/launchevent.html');
    expect(attr(override, 'type')).toBe('javascript');
    expect(resource(attr(override, 'resid'))).toBe('https://phiguard.cityclinic.example/addin/outlook/onsend.js');
    // The launch event must name the same runtime.
    expect(attr(only(launchEvent, 'SourceLocation'), 'resid')).toBe(attr(runtime, 'resid'));
  });

  it('runs onMessageSendHandler on OnMessageSend in SoftBlock mode by default', async () => {
    const { launchEvent } = await parseXmlManifest(testConfig());
    expect(attr(launchEvent, 'xsi:type')).toBe('LaunchEvent');
    expect(only(launchEvent, 'LaunchEvents', 'LaunchEvent').$).toEqual({
      Type: 'OnMessageSend',
      FunctionName: 'onMessageSendHandler',
      SendMode: 'SoftBlock',
    });
  });

  it.each(['Block', 'PromptUser'] as const)('emits SendMode %s when configured', async (sendMode) => {
    const { launchEvent } = await parseXmlManifest(testConfig({ sendMode }));
    expect(attr(only(launchEvent, 'LaunchEvents', 'LaunchEvent'), 'SendMode')).toBe(sendMode);
  });

  it('has a compose button PhiGuardTaskPane (the Smart Alert commandId) that opens taskpane.html', async () => {
    const { commandSurface, resource } = await parseXmlManifest(testConfig());
    expect(attr(commandSurface, 'xsi:type')).toBe('MessageComposeCommandSurface');
    const control = only(commandSurface, 'OfficeTab', 'Group', 'Control');
    expect(control.$).toEqual({ 'xsi:type': 'Button', id: 'PhiGuardTaskPane' });
    const action = only(control, 'Action');
    expect(attr(action, 'xsi:type')).toBe('ShowTaskpane');
    expect(resource(attr(only(action, 'SourceLocation'), 'resid'))).toBe(
      'https://phiguard.cityclinic.example/addin/outlook/taskpane.html',
    );
  });

  it('defines every resource it refers to', async () => {
    const { v11, resource } = await parseXmlManifest(testConfig());
    const referenced = resids(v11);
    expect(referenced.length).toBeGreaterThan(5);
    expect(referenced.filter((resid) => resource(resid) === undefined)).toEqual([]);
  });

  it('serves everything from the service URL and allows only its origin', async () => {
    const { root, resource, host } = await parseXmlManifest(testConfig({ serviceUrl: 'https://tools.cityclinic.example/phiguard' }));
    expect(children(only(root, 'AppDomains'), 'AppDomain').map(text)).toEqual(['https://tools.cityclinic.example']);
    expect(attr(only(root, 'IconUrl'), 'DefaultValue')).toBe('https://tools.cityclinic.example/phiguard/addin/outlook/assets/icon-64.png');
    expect(resource(attr(only(host, 'Runtimes', 'Runtime'), 'resid'))).toBe(
      'https://tools.cityclinic.example/phiguard/addin/outlook/launchevent.html',
    );
  });

  it('escapes &, <, > and quotes so every value reads back exactly', async () => {
    const config = testConfig({
      name: `Smith & Jones <"Clinic"> PHI Guard`,
      shortName: `S&J's <Guard>`,
      description: `Checks "PHI" & <identifiers> before it's sent.`,
      providerName: `Smith & Jones <"Clinic">`,
    });
    const xml = outlookXmlManifest(config);
    expect(xml).not.toContain('Smith & Jones');
    const { root, resource, commandSurface } = await parseXmlManifest(config);
    expect(attr(only(root, 'DisplayName'), 'DefaultValue')).toBe(config.name);
    expect(attr(only(root, 'Description'), 'DefaultValue')).toBe(config.description);
    expect(text(only(root, 'ProviderName'))).toBe(config.providerName);
    expect(resource(attr(only(commandSurface, 'OfficeTab', 'Group', 'Label'), 'resid'))).toBe(config.shortName);
  });

  describe('Office SSO (WebApplicationInfo), for the on-send check', () => {
    const clientId = '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c';

    it("names the add-in's Entra app and its Application ID URI on the service's host, with openid and profile", async () => {
      const config = testConfig({ serviceUrl: 'https://tools.cityclinic.example/phiguard', microsoft: { clientId } });
      const info = only((await parseXmlManifest(config)).v11, 'WebApplicationInfo');
      expect(text(only(info, 'Id'))).toBe(clientId);
      expect(text(only(info, 'Resource'))).toBe(`api://tools.cityclinic.example/${clientId}`);
      expect(children(only(info, 'Scopes'), 'Scope').map(text)).toEqual(['openid', 'profile']);
    });

    it('keeps the port of a sideloading address in the URI', async () => {
      const config = testConfig({ serviceUrl: 'https://localhost:3000', microsoft: { clientId } });
      expect(text(only((await parseXmlManifest(config)).v11, 'WebApplicationInfo', 'Resource'))).toBe(`api://localhost:3000/${clientId}`);
    });

    it('ends VersionOverrides 1.1, where Outlook reads it', () => {
      const xml = outlookXmlManifest(testConfig({ microsoft: { clientId } }));
      const at = xml.indexOf('<WebApplicationInfo>');
      expect(at).toBeGreaterThan(xml.indexOf('</Resources>'));
      expect(xml.slice(xml.indexOf('</WebApplicationInfo>')).replace(/\s+/g, '')).toBe('</WebApplicationInfo></VersionOverrides></VersionOverrides></OfficeApp>');
    });

    it('is left out when no Entra app is configured', async () => {
      expect(children((await parseXmlManifest(testConfig())).v11, 'WebApplicationInfo')).toEqual([]);
    });
  });
});
