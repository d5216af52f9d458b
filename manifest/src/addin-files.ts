import type { AddinConfig } from './config.js';

export { ON_SEND_FUNCTION, TASK_PANE_CONTROL_ID } from '../../addin-outlook/src/names.js';

/** The compose ribbon button that opens the task pane; its tooltip is the add-in's description. */
export const TASK_PANE_BUTTON_LABEL = 'Check for PHI';

/** OnMessageSend needs Mailbox 1.12; errorMessageMarkdown and a function commandId would need 1.15. */
export const MAILBOX_MIN_VERSION = '1.12';

/** Icons the service serves: ribbon buttons take 16, 32 and 80; 64 and 128 are the add-in's own icon. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
export type IconSize = (typeof ICON_SIZES)[number];
export const RIBBON_ICON_SIZES = [16, 32, 80] as const;

/** The files of the unified manifest's app package, beside manifest.json. */
export const PACKAGE_ICONS = { color: 'color.png', outline: 'outline.png' } as const;

/** Where the service serves the built add-in (service/src/routes/addins.ts). */
export interface AddinUrls {
  readonly origin: string;
  readonly taskPane: string;
  readonly eventPage: string;
  readonly eventScript: string;
  readonly support: string;
  readonly privacy: string;
  readonly termsOfUse: string;
  icon(size: IconSize): string;
}

export function addinUrls(config: AddinConfig): AddinUrls {
  const base = `${config.serviceUrl}/addin/outlook`;
  const support = config.supportUrl ?? config.serviceUrl;
  return {
    origin: new URL(config.serviceUrl).origin,
    taskPane: `${base}/taskpane.html`,
    eventPage: `${base}/launchevent.html`,
    eventScript: `${base}/onsend.js`,
    support,
    privacy: config.privacyUrl ?? support,
    termsOfUse: config.termsOfUseUrl ?? support,
    icon: (size) => `${base}/assets/icon-${size}.png`,
  };
}

/** Office SSO's view of the add-in: its Entra app id and that app's Application ID URI. */
export interface WebApplication {
  readonly id: string;
  readonly resource: string;
}

/**
 * The add-in's app for Office SSO, when configured. The URI's domain must be that of the manifest's
 * URLs and it must end with the app id (learn.microsoft.com, "Use legacy Office single sign-on (SSO)
 * in an Office Add-in": Configure the add-in).
 */
export function webApplication(config: AddinConfig): WebApplication | undefined {
  if (config.microsoft === undefined) return undefined;
  const id = config.microsoft.clientId;
  return { id, resource: `api://${new URL(config.serviceUrl).host}/${id}` };
}
