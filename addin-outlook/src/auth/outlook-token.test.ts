import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import vm from 'node:vm';
import { InteractionRequiredAuthError } from '@azure/msal-browser';
import { build } from 'esbuild';
import { decide, DEFAULT_POLICY, scan } from '@phiguard/core';
import { onSendBuild } from '../../scripts/build-options.js';
import { createServiceClient, lookupRecipients } from '../service/client.js';
import type { CreatePca } from './naa.js';
import { outlookToken, type TokenHost } from './outlook-token.js';

const NAA = { clientId: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', scope: 'api://phiguard.example.org/6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0/access_as_user' };

/** A fake Outlook: whether NAA is supported, what MSAL's silent call does, and Office SSO's answer. */
function fakeHost(options: { naa?: boolean; supported?: boolean; silent?: () => Promise<string>; sso?: () => Promise<string> }) {
  const calls = { silent: 0, popups: 0, sso: [] as OfficeRuntime.AuthOptions[] };
  const createPca: CreatePca = async () => ({
    acquireTokenSilent: async () => {
      calls.silent++;
      return { accessToken: await (options.silent ?? (async () => 'naa-token'))() } as never;
    },
    acquireTokenPopup: async () => {
      calls.popups++;
      return { accessToken: 'popup-token' } as never;
    },
  });
  const host: TokenHost = {
    naa: options.naa === false ? undefined : NAA,
    supportsNaa: () => options.supported ?? true,
    officeSso: async (ssoOptions) => {
      calls.sso.push(ssoOptions);
      return (options.sso ?? (async () => 'office-sso-token'))();
    },
    createPca,
  };
  return { host, calls };
}

const needsUser = async (): Promise<string> => {
  throw new InteractionRequiredAuthError('interaction_required', 'Sign-in is needed');
};
const refused = async (): Promise<string> => {
  throw new Error('13012: SSO is not configured');
};
const SILENT = { allowSignInPrompt: false, allowConsentPrompt: false };

describe('the on-send token (no one can be asked)', () => {
  it('uses nested app authentication silently when the service served its settings and Outlook supports it', async () => {
    const { host, calls } = fakeHost({});
    expect(await outlookToken({ interactive: false }, host)()).toBe('naa-token');
    expect(calls).toEqual({ silent: 1, popups: 0, sso: [] });
  });

  it.each([
    ['Outlook lacks NestedAppAuth 1.1', { supported: false }],
    ['the service was not given the add-in app', { naa: false }],
  ])('asks Office SSO without prompts when %s', async (_case, options) => {
    const { host, calls } = fakeHost(options);
    expect(await outlookToken({ interactive: false }, host)()).toBe('office-sso-token');
    expect(calls).toEqual({ silent: 0, popups: 0, sso: [SILENT] });
  });

  it('never shows a popup: when NAA needs the user, Office SSO is asked silently instead', async () => {
    const { host, calls } = fakeHost({ silent: needsUser });
    expect(await outlookToken({ interactive: false }, host)()).toBe('office-sso-token');
    expect(calls).toEqual({ silent: 1, popups: 0, sso: [SILENT] });
  });

  it('with neither token, the service counts as unreachable and the closed fail mode stops PHI to an outside recipient', async () => {
    const { host, calls } = fakeHost({ silent: needsUser, sso: refused });
    const client = createServiceClient({ baseUrl: 'https://phiguard.invalid', token: outlookToken({ interactive: false }, host) });
    const recipients = await lookupRecipients(client, [{ address: 'dr.patel@elsewhere.example', type: 'to' }], 1000);
    expect(recipients).toEqual([expect.objectContaining({ address: 'dr.patel@elsewhere.example', lookup: 'unavailable' })]);
    const decision = decide(scan({ subject: 'Form', body: 'Her SSN is 531-72-0846, please update the form.' }), recipients, 'none', DEFAULT_POLICY);
    expect(decision.action).not.toBe('allow');
    expect(decision.reasons.map((r) => r.code)).toContain('service_unavailable');
    expect(calls.popups).toBe(0);
  });
});

describe('the task pane token (the user is there)', () => {
  it('uses nested app authentication, with a popup when Entra needs the user', async () => {
    const { host, calls } = fakeHost({ silent: needsUser });
    expect(await outlookToken({ interactive: true }, host)()).toBe('popup-token');
    expect(calls).toEqual({ silent: 1, popups: 1, sso: [] });
  });

  it('lets Office SSO show its sign-in where NAA is not available', async () => {
    const { host, calls } = fakeHost({ supported: false });
    expect(await outlookToken({ interactive: true }, host)()).toBe('office-sso-token');
    expect(calls.sso).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: false }]);
  });
});

describe("in classic Outlook's JavaScript-only runtime (a bare V8 context, built like onsend.js)", () => {
  it('loads without a DOM, and the real MSAL failing there without a broker leaves Office SSO to answer', async () => {
    const { entryPoints: _entry, ...options } = onSendBuild(join(__dirname, '..', '..'));
    const built = await build({
      ...options,
      stdin: { contents: "import { outlookToken } from './outlook-token.js'; globalThis.outlookToken = outlookToken;", resolveDir: __dirname, loader: 'ts' },
      write: false,
    });
    const context = vm.createContext({ setTimeout, clearTimeout });
    vm.runInContext(built.outputFiles![0]!.text, context);
    const sso: unknown[] = [];
    const host: TokenHost = { naa: NAA, supportsNaa: () => true, officeSso: async (o) => (sso.push(o), 'office-sso-token') };
    const token = (context.outlookToken as typeof outlookToken)({ interactive: false }, host);
    expect(await token()).toBe('office-sso-token');
    expect(sso).toEqual([SILENT]);
  }, 60_000);
});
