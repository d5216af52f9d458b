import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import {
  addinUrls,
  MAILBOX_MIN_VERSION,
  ON_SEND_FUNCTION,
  PACKAGE_ICONS,
  RIBBON_ICON_SIZES,
  TASK_PANE_BUTTON_LABEL,
  TASK_PANE_CONTROL_ID,
  webApplication,
} from './addin-files.js';
import type { AddinConfig, SendMode } from './config.js';

export type UnifiedManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** The newest schema bundled with @microsoft/app-manifest, so validation needs no download. */
export const UNIFIED_MANIFEST_VERSION = '1.30';
const UNIFIED_SCHEMA_URL =
  `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

const SEND_MODE: Readonly<Record<SendMode, TeamsManifestV1D30.SendMode>> = {
  PromptUser: 'promptUser',
  SoftBlock: 'softBlock',
  Block: 'block',
};

const EVENT_RUNTIME_ID = 'PhiGuardEventRuntime';
const TASK_PANE_RUNTIME_ID = 'PhiGuardTaskPaneRuntime';
const OPEN_TASK_PANE_ACTION = 'openPhiGuardTaskPane';

/**
 * The unified (JSON) manifest: the same add-in as `outlookXmlManifest`, in the shape of
 * learn.microsoft.com "Office Add-ins with the unified app manifest for Microsoft 365".
 * Outlook reads only `extensions`; the Teams-side fields are what the schema requires.
 */
export function outlookJsonManifest(config: AddinConfig): UnifiedManifest {
  const urls = addinUrls(config);
  const mailbox = { capabilities: [{ name: 'Mailbox', minVersion: MAILBOX_MIN_VERSION }] };
  const app = webApplication(config);
  return {
    $schema: UNIFIED_SCHEMA_URL,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    version: config.version,
    id: config.id,
    localizationInfo: { defaultLanguageTag: 'en-us' },
    developer: {
      name: config.providerName,
      websiteUrl: urls.support,
      privacyUrl: urls.privacy,
      termsOfUseUrl: urls.termsOfUse,
    },
    name: { short: config.shortName, full: config.name },
    description: { short: config.description, full: config.description },
    icons: { color: PACKAGE_ICONS.color, outline: PACKAGE_ICONS.outline },
    accentColor: '#1F5C99',
    validDomains: [urls.origin],
    // The unified equivalent of the XML manifest's ReadWriteItem.
    authorization: { permissions: { resourceSpecific: [{ name: 'MailboxItem.ReadWrite.User', type: 'Delegated' }] } },
    // Office SSO for the on-send check; the unified manifest has no scopes here (requested at run time).
    ...(app ? { webApplicationInfo: { id: app.id, resource: app.resource } } : {}),
    extensions: [
      {
        requirements: { ...mailbox, scopes: ['mail'] },
        runtimes: [
          {
            id: TASK_PANE_RUNTIME_ID,
            type: 'general',
            code: { page: urls.taskPane },
            lifetime: 'short',
            actions: [{ id: OPEN_TASK_PANE_ACTION, type: 'openPage' }],
          },
          {
            id: EVENT_RUNTIME_ID,
            type: 'general',
            // page: web, new Outlook and Mac; script: classic Outlook on Windows (JavaScript-only runtime).
            code: { page: urls.eventPage, script: urls.eventScript },
            lifetime: 'short',
            actions: [{ id: ON_SEND_FUNCTION, type: 'executeFunction' }],
          },
        ],
        ribbons: [
          {
            contexts: ['mailCompose'],
            tabs: [
              {
                builtInTabId: 'TabDefault',
                groups: [
                  {
                    id: 'PhiGuardGroup',
                    label: config.shortName,
                    controls: [
                      {
                        id: TASK_PANE_CONTROL_ID,
                        type: 'button',
                        label: TASK_PANE_BUTTON_LABEL,
                        icons: RIBBON_ICON_SIZES.map((size) => ({ size, url: urls.icon(size) })),
                        supertip: { title: TASK_PANE_BUTTON_LABEL, description: config.description },
                        actionId: OPEN_TASK_PANE_ACTION,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        autoRunEvents: [
          {
            requirements: mailbox,
            events: [{ type: 'messageSending', actionId: ON_SEND_FUNCTION, options: { sendMode: SEND_MODE[config.sendMode] } }],
          },
        ],
        alternates: [
          {
            alternateIcons: {
              icon: { size: 64, url: urls.icon(64) },
              highResolutionIcon: { size: 64, url: urls.icon(128) },
            },
          },
        ],
      },
    ],
  };
}
