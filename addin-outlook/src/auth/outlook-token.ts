import { naaTokenProvider, type CreatePca, type NaaSettings } from './naa.js';
import { servedNaaSettings } from './served-settings.js';

/** What choosing a token needs from Outlook: the real globals by default, fakes in tests. */
export interface TokenHost {
  /** The add-in's app and API scope, when the service served them. */
  readonly naa: NaaSettings | undefined;
  /** Outlook supports nested app authentication (NestedAppAuth 1.1). */
  readonly supportsNaa: () => boolean;
  /** Office's legacy SSO; it needs WebApplicationInfo in the manifest. */
  readonly officeSso: (options: OfficeRuntime.AuthOptions) => Promise<string>;
  readonly createPca?: CreatePca;
}

export function outlookHost(): TokenHost {
  return {
    naa: servedNaaSettings(),
    supportsNaa: () => Office.context.requirements.isSetSupported('NestedAppAuth', '1.1'),
    officeSso: (options) => OfficeRuntime.auth.getAccessToken(options),
  };
}

/**
 * The signed-in Outlook user's token for the service: nested app authentication where the service
 * was given the add-in's Entra app and Outlook supports it, else Office SSO. `interactive` (the task
 * pane) may show a sign-in popup; the on-send handler never does (learn.microsoft.com, "Enable single
 * sign-on in an Office Add-in with nested app authentication"; sample Outlook-Event-SSO-NAA).
 */
export function outlookToken(options: { interactive: boolean }, host: TokenHost = outlookHost()): () => Promise<string> {
  const officeSso = () => host.officeSso({ allowSignInPrompt: options.interactive, allowConsentPrompt: false });
  if (host.naa === undefined || !host.supportsNaa()) return officeSso;
  const naa = naaTokenProvider(host.naa, { interactive: options.interactive, ...(host.createPca ? { createPca: host.createPca } : {}) });
  if (options.interactive) return naa;
  // No one can be asked during a send, so Office SSO is the second chance before the fail mode.
  return () => naa().catch(() => officeSso());
}
