import { ENTRY_POINTS } from '../../addin-gmail/src/names.js';
import type { AddinConfig } from './config.js';

/**
 * The Gmail add-on's OAuth scopes, narrowest that work, each with why (addin-gmail/README.md
 * lists the same). Apps Script asks the user (or the admin, for a domain install) for exactly these.
 */
export const GMAIL_SCOPES = {
  'https://www.googleapis.com/auth/gmail.addons.execute': 'run as a Gmail add-on',
  'https://www.googleapis.com/auth/gmail.addons.current.message.metadata': 'see the compose window’s recipients (draftAccess METADATA)',
  'https://www.googleapis.com/auth/gmail.addons.current.action.compose': 'set the subject, recipients and disclaimer from the card',
  'https://www.googleapis.com/auth/gmail.compose': 'read the autosaved draft (subject, body, attachments) and replace it with the secure pickup notice when sending securely',
  'https://www.googleapis.com/auth/script.external_request': 'call the PHI Guard service (recipient lookup, policy, portal, audit)',
  openid: 'a Google ID token the PHI Guard service verifies',
  'https://www.googleapis.com/auth/userinfo.email': 'the user’s address, in the ID token and for who may override',
} as const;

/** appsscript.json for the Gmail add-on, from the same settings as the Outlook manifests. */
export function appsScriptManifest(config: AddinConfig): Record<string, unknown> {
  return {
    timeZone: 'Etc/UTC',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: Object.keys(GMAIL_SCOPES),
    // Versioned deployments may fetch only listed prefixes; nothing but the PHI Guard service.
    urlFetchWhitelist: [`${config.serviceUrl}/`],
    dependencies: { enabledAdvancedServices: [{ userSymbol: 'Gmail', serviceId: 'gmail', version: 'v1' }] },
    addOns: {
      common: {
        name: config.name,
        logoUrl: `${config.serviceUrl}/addin/outlook/assets/icon-128.png`,
        layoutProperties: { primaryColor: '#1b5e7a' },
        homepageTrigger: { runFunction: ENTRY_POINTS.homepage, enabled: true },
        ...(config.supportUrl ? { universalActions: [{ label: 'Help', openLink: config.supportUrl }] } : {}),
      },
      gmail: {
        composeTrigger: {
          selectActions: [{ text: `Check with ${config.shortName}`, runFunction: ENTRY_POINTS.compose }],
          draftAccess: 'METADATA',
        },
      },
    },
  };
}
