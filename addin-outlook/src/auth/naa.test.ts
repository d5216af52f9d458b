import { describe, expect, it } from '@jest/globals';
import { InteractionRequiredAuthError } from '@azure/msal-browser';
import { naaTokenProvider, type CreatePca } from './naa.js';

const SETTINGS = { clientId: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', scope: 'api://phiguard.example.org/access_as_user' };

function fakePca(silent: () => Promise<string>) {
  const calls = { created: 0, popups: 0, scopes: [] as string[][] };
  const createPca: CreatePca = async () => {
    calls.created++;
    return {
      acquireTokenSilent: async (request: { scopes: string[] }) => {
        calls.scopes.push(request.scopes);
        return { accessToken: await silent() } as never;
      },
      acquireTokenPopup: async () => {
        calls.popups++;
        return { accessToken: 'from-popup' } as never;
      },
    };
  };
  return { createPca, calls };
}

describe('nested app authentication tokens', () => {
  it('asks silently for the service scope, with one client for every call', async () => {
    const { createPca, calls } = fakePca(async () => 'silent-token');
    const token = naaTokenProvider(SETTINGS, { interactive: false, createPca });
    expect(await token()).toBe('silent-token');
    expect(await token()).toBe('silent-token');
    expect(calls).toEqual({ created: 1, popups: 0, scopes: [[SETTINGS.scope], [SETTINGS.scope]] });
  });

  it('shows a popup only where interaction is allowed and Entra asks for it', async () => {
    const needsUser = async (): Promise<string> => {
      throw new InteractionRequiredAuthError('interaction_required', 'Sign-in is needed');
    };
    const taskPane = fakePca(needsUser);
    expect(await naaTokenProvider(SETTINGS, { interactive: true, createPca: taskPane.createPca })()).toBe('from-popup');
    const onSend = fakePca(needsUser);
    await expect(naaTokenProvider(SETTINGS, { interactive: false, createPca: onSend.createPca })()).rejects.toBeInstanceOf(InteractionRequiredAuthError);
    expect(onSend.calls.popups).toBe(0);
  });

  it('does not turn other failures into popups', async () => {
    const { createPca, calls } = fakePca(async () => {
      throw new Error('network down');
    });
    await expect(naaTokenProvider(SETTINGS, { interactive: true, createPca })()).rejects.toThrow('network down');
    expect(calls.popups).toBe(0);
  });

  it('tries again on the next call when the client could not start', async () => {
    let starts = 0;
    const createPca: CreatePca = async (settings) => {
      if (++starts === 1) throw new Error('bridge not ready');
      return fakePca(async () => 'silent-token').createPca(settings);
    };
    const token = naaTokenProvider(SETTINGS, { interactive: false, createPca });
    await expect(token()).rejects.toThrow('bridge not ready');
    expect(await token()).toBe('silent-token');
    expect(starts).toBe(2);
  });
});
