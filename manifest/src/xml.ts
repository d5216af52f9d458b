import {
  addinUrls,
  MAILBOX_MIN_VERSION,
  ON_SEND_FUNCTION,
  RIBBON_ICON_SIZES,
  TASK_PANE_BUTTON_LABEL,
  TASK_PANE_CONTROL_ID,
  webApplication,
  type IconSize,
} from './addin-files.js';
import type { AddinConfig } from './config.js';
import { el, renderXmlDocument } from './xml-element.js';

const NS = {
  officeApp: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  overrides: 'http://schemas.microsoft.com/office/mailappversionoverrides',
  overrides11: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
};

// Resource ids, referenced by `resid` inside VersionOverrides.
const RES = {
  taskPane: 'TaskPane.Url',
  eventPage: 'EventRuntime.Url',
  eventScript: 'EventScript.Url',
  groupLabel: 'Group.Label',
  buttonLabel: 'TaskPaneButton.Label',
  buttonTooltip: 'TaskPaneButton.Tooltip',
  icon: (size: IconSize) => `Icon.${size}x${size}`,
};

/**
 * The add-in-only (XML) manifest, as in the Smart Alerts walkthrough
 * (learn.microsoft.com, "Automatically check for an attachment before a message is sent"):
 * VersionOverrides 1.0 wrapping 1.1, an event runtime whose JavaScript-only override serves classic
 * Outlook on Windows, a compose task pane button and OnMessageSend with the configured send mode.
 * The pre-1.1 parts (FormSettings, Rule) are what the schema requires; clients that read
 * VersionOverrides ignore them.
 */
export function outlookXmlManifest(config: AddinConfig): string {
  const urls = addinUrls(config);
  const defaultValue = (value: string) => ({ DefaultValue: value });

  const button = el(
    'Control',
    { 'xsi:type': 'Button', id: TASK_PANE_CONTROL_ID },
    el('Label', { resid: RES.buttonLabel }),
    el('Supertip', {}, el('Title', { resid: RES.buttonLabel }), el('Description', { resid: RES.buttonTooltip })),
    el('Icon', {}, ...RIBBON_ICON_SIZES.map((size) => el('bt:Image', { size: String(size), resid: RES.icon(size) }))),
    el('Action', { 'xsi:type': 'ShowTaskpane' }, el('SourceLocation', { resid: RES.taskPane })),
  );

  const mailHost = el(
    'Host',
    { 'xsi:type': 'MailHost' },
    el(
      'Runtimes',
      {},
      // The HTML page serves Outlook on the web, new Outlook and Mac; classic Outlook on Windows runs the script alone.
      el('Runtime', { resid: RES.eventPage }, el('Override', { type: 'javascript', resid: RES.eventScript })),
    ),
    el(
      'DesktopFormFactor',
      {},
      el(
        'ExtensionPoint',
        { 'xsi:type': 'MessageComposeCommandSurface' },
        el('OfficeTab', { id: 'TabDefault' }, el('Group', { id: 'PhiGuardGroup' }, el('Label', { resid: RES.groupLabel }), button)),
      ),
      el(
        'ExtensionPoint',
        { 'xsi:type': 'LaunchEvent' },
        el(
          'LaunchEvents',
          {},
          el('LaunchEvent', { Type: 'OnMessageSend', FunctionName: ON_SEND_FUNCTION, SendMode: config.sendMode }),
        ),
        el('SourceLocation', { resid: RES.eventPage }),
      ),
    ),
  );

  const resources = el(
    'Resources',
    {},
    el('bt:Images', {}, ...RIBBON_ICON_SIZES.map((size) => el('bt:Image', { id: RES.icon(size), ...defaultValue(urls.icon(size)) }))),
    el(
      'bt:Urls',
      {},
      el('bt:Url', { id: RES.taskPane, ...defaultValue(urls.taskPane) }),
      el('bt:Url', { id: RES.eventPage, ...defaultValue(urls.eventPage) }),
      el('bt:Url', { id: RES.eventScript, ...defaultValue(urls.eventScript) }),
    ),
    el(
      'bt:ShortStrings',
      {},
      el('bt:String', { id: RES.groupLabel, ...defaultValue(config.shortName) }),
      el('bt:String', { id: RES.buttonLabel, ...defaultValue(TASK_PANE_BUTTON_LABEL) }),
    ),
    el('bt:LongStrings', {}, el('bt:String', { id: RES.buttonTooltip, ...defaultValue(config.description) })),
  );

  // Office SSO for the on-send check; for Outlook it ends VersionOverrides 1.1 (learn.microsoft.com,
  // "Use legacy Office single sign-on (SSO) in an Office Add-in"), and openid and profile are always needed.
  const app = webApplication(config);
  const sso = app
    ? [
        el(
          'WebApplicationInfo',
          {},
          el('Id', {}, app.id),
          el('Resource', {}, app.resource),
          el('Scopes', {}, el('Scope', {}, 'openid'), el('Scope', {}, 'profile')),
        ),
      ]
    : [];

  const versionOverrides = el(
    'VersionOverrides',
    { xmlns: NS.overrides, 'xsi:type': 'VersionOverridesV1_0' },
    el(
      'VersionOverrides',
      { xmlns: NS.overrides11, 'xsi:type': 'VersionOverridesV1_1' },
      el('Requirements', {}, el('bt:Sets', { DefaultMinVersion: MAILBOX_MIN_VERSION }, el('bt:Set', { Name: 'Mailbox' }))),
      el('Hosts', {}, mailHost),
      resources,
      ...sso,
    ),
  );

  return renderXmlDocument(
    el(
      'OfficeApp',
      { xmlns: NS.officeApp, 'xmlns:xsi': NS.xsi, 'xmlns:bt': NS.bt, 'xsi:type': 'MailApp' },
      el('Id', {}, config.id),
      el('Version', {}, config.version),
      el('ProviderName', {}, config.providerName),
      el('DefaultLocale', {}, 'en-US'),
      el('DisplayName', defaultValue(config.name)),
      el('Description', defaultValue(config.description)),
      el('IconUrl', defaultValue(urls.icon(64))),
      el('HighResolutionIconUrl', defaultValue(urls.icon(128))),
      el('SupportUrl', defaultValue(urls.support)),
      el('AppDomains', {}, el('AppDomain', {}, urls.origin)),
      el('Hosts', {}, el('Host', { Name: 'Mailbox' })),
      el('Requirements', {}, el('Sets', {}, el('Set', { Name: 'Mailbox', MinVersion: '1.1' }))),
      el(
        'FormSettings',
        {},
        el('Form', { 'xsi:type': 'ItemEdit' }, el('DesktopSettings', {}, el('SourceLocation', defaultValue(urls.taskPane)))),
      ),
      el('Permissions', {}, 'ReadWriteItem'),
      el(
        'Rule',
        { 'xsi:type': 'RuleCollection', Mode: 'Or' },
        el('Rule', { 'xsi:type': 'ItemIs', ItemType: 'Message', FormType: 'Edit' }),
      ),
      el('DisableEntityHighlighting', {}, 'false'),
      versionOverrides,
    ),
  );
}
