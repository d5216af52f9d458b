import { afterEach, describe, expect, it } from '@jest/globals';
import { encryptText } from '../pgp/encrypt.js';
import { loadPgp } from './pgp-loader.js';

type Listener = () => void;

/** A page whose script elements "load" pgp.js when told to: `served` decides what loading does. */
function fakePage(served: () => 'loads' | 'fails') {
  const scripts: Array<{ src: string }> = [];
  const page = globalThis as { document?: unknown; PhiGuardPgp?: unknown };
  page.document = {
    createElement: () => {
      const listeners = new Map<string, Listener>();
      const script = { src: '', addEventListener: (type: string, listener: Listener) => listeners.set(type, listener), remove: () => undefined };
      queueMicrotask(() => {
        if (served() === 'loads') {
          page.PhiGuardPgp = { encryptText };
          listeners.get('load')!();
        } else listeners.get('error')!();
      });
      return script;
    },
    head: { append: (script: { src: string }) => scripts.push(script) },
  };
  return scripts;
}

afterEach(() => {
  delete (globalThis as { document?: unknown }).document;
  delete (globalThis as { PhiGuardPgp?: unknown }).PhiGuardPgp;
});

describe('loading pgp.js', () => {
  it('adds pgp.js once, tries again after a failed load, and resolves to what it offers', async () => {
    let outcome: 'loads' | 'fails' = 'fails';
    const scripts = fakePage(() => outcome);
    await expect(loadPgp()).rejects.toThrow();
    outcome = 'loads';
    const [first, second] = await Promise.all([loadPgp(), loadPgp()]);
    expect(first.encryptText).toBe(encryptText);
    expect(second).toBe(first);
    expect(await loadPgp()).toBe(first);
    expect(scripts.map((s) => s.src)).toEqual(['pgp.js', 'pgp.js']);
  });
});
