import { describe, expect, it } from '@jest/globals';
import type { AddinConfig } from './config.js';
import { outlookJsonManifest } from './json.js';
import { testConfig } from './testing.js';
import { attr, children, only, parseXmlManifest, text } from './xml-testing.js';

/** What Outlook needs to agree on whichever manifest an admin deploys. */
async function xmlFacts(config: AddinConfig) {
  const { root, v11, host, commandSurface, launchEvent, resource } = await parseXmlManifest(config);
  const sso = children(v11, 'WebApplicationInfo')[0];
  const runtime = only(host, 'Runtimes', 'Runtime');
  const event = only(launchEvent, 'LaunchEvents', 'LaunchEvent');
  const control = only(commandSurface, 'OfficeTab', 'Group', 'Control');
  return {
    id: text(only(root, 'Id')),
    version: text(only(root, 'Version')),
    name: attr(only(root, 'DisplayName'), 'DefaultValue'),
    handler: attr(event, 'FunctionName'),
    sendMode: attr(event, 'SendMode')?.toLowerCase(),
    eventPage: resource(attr(runtime, 'resid')),
    eventScript: resource(attr(only(runtime, 'Override'), 'resid')),
    taskPaneControl: attr(control, 'id'),
    taskPane: resource(attr(only(control, 'Action', 'SourceLocation'), 'resid')),
    domains: [text(only(root, 'AppDomains', 'AppDomain'))],
    sso: sso && { id: text(only(sso, 'Id')), resource: text(only(sso, 'Resource')) },
  };
}

function jsonFacts(config: AddinConfig) {
  const manifest = outlookJsonManifest(config);
  const ext = manifest.extensions![0]!;
  const event = ext.autoRunEvents![0]!.events[0]!;
  const control = ext.ribbons![0]!.tabs[0]!.groups![0]!.controls![0]!;
  const runtimeFor = (actionId: string | undefined) => ext.runtimes!.find((r) => r.actions?.some((a) => a.id === actionId))!;
  return {
    id: manifest.id,
    version: manifest.version,
    name: manifest.name.full,
    handler: event.actionId,
    sendMode: event.options?.sendMode?.toLowerCase(),
    eventPage: runtimeFor(event.actionId).code.page,
    eventScript: runtimeFor(event.actionId).code.script,
    taskPaneControl: control.id,
    taskPane: runtimeFor(control.actionId).code.page,
    domains: manifest.validDomains,
    sso: manifest.webApplicationInfo,
  };
}

describe('the XML and unified manifests', () => {
  it.each(['SoftBlock', 'Block', 'PromptUser'] as const)('describe the same add-in (send mode %s)', async (sendMode) => {
    const config = testConfig({ sendMode, serviceUrl: 'https://tools.cityclinic.example/phiguard' });
    const facts = await xmlFacts(config);
    expect(facts).toEqual(jsonFacts(config));
    expect(facts).toMatchObject({
      handler: 'onMessageSendHandler',
      taskPaneControl: 'PhiGuardTaskPane',
      sendMode: sendMode.toLowerCase(),
    });
  });

  it.each([
    ['without an Entra app', undefined],
    ['with an Entra app', { clientId: '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c' }],
  ])('agree on Office SSO %s', async (_case, microsoft) => {
    const config = testConfig({ serviceUrl: 'https://tools.cityclinic.example/phiguard', ...(microsoft ? { microsoft } : {}) });
    const facts = await xmlFacts(config);
    expect(facts.sso).toEqual(jsonFacts(config).sso);
    expect(facts.sso).toEqual(microsoft && { id: microsoft.clientId, resource: `api://tools.cityclinic.example/${microsoft.clientId}` });
  });
});
