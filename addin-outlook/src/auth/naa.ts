import type { IPublicClientApplication } from '@azure/msal-browser';

/** The add-in's Microsoft Entra app and the service API scope it asks for. */
export interface NaaSettings {
  /** The add-in's application (client) id; its SPA redirect is `brk-multihub://<add-in domain>`. */
  readonly clientId: string;
  /** The service API's delegated scope, e.g. `api://phiguard.clinic.example.org/<id>/access_as_user`. */
  readonly scope: string;
}

export type CreatePca = (settings: NaaSettings) => Promise<Pick<IPublicClientApplication, 'acquireTokenSilent' | 'acquireTokenPopup'>>;

// Loaded on first use: in onsend.js (one script) MSAL's code then runs only where NAA is used, and a
// failure there cannot stop the handler being registered, which under SoftBlock would block every send.
const loadMsal = () => import('./msal.js');

const createNestable: CreatePca = async (settings) =>
  (await loadMsal()).createNestablePublicClientApplication({
    auth: { clientId: settings.clientId, authority: 'https://login.microsoftonline.com/common' },
  });

/**
 * Access tokens for the service through nested app authentication: Outlook signs the user in for
 * the add-in (no second sign-in). Silent first; a popup only when Entra needs the user (consent, MFA)
 * and only in the task pane, never in an event handler.
 */
export function naaTokenProvider(settings: NaaSettings, options: { interactive: boolean; createPca?: CreatePca }): () => Promise<string> {
  let pca: ReturnType<CreatePca> | undefined;
  return async () => {
    // A client that failed to start is not kept: the next call tries again.
    pca ??= (options.createPca ?? createNestable)(settings).catch((error: unknown) => {
      pca = undefined;
      throw error;
    });
    const app = await pca;
    const request = { scopes: [settings.scope] };
    try {
      return (await app.acquireTokenSilent(request)).accessToken;
    } catch (error) {
      if (!options.interactive || !(error instanceof (await loadMsal()).InteractionRequiredAuthError)) throw error;
      return (await app.acquireTokenPopup(request)).accessToken;
    }
  };
}
